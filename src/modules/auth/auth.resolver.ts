import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CurrentCaller, Public, Requires } from './auth.decorators';
import { toApiKey, toMember } from './auth.mapper';
import { AuthService } from './auth.service';
import { AddMemberInput, CreateApiKeyInput, SignInInput, SignUpInput } from './dto/auth.input';
import { ApiKey, AuthPayload, CreatedApiKey, Member, Viewer } from './models/auth.model';
import type { Caller } from './permissions';

@Resolver()
export class AuthResolver {
  constructor(private readonly auth: AuthService) {}

  @Public()
  @Mutation(() => AuthPayload, { description: 'Creates an organization with the caller as its first owner, and signs them in.' })
  signUp(@Args('input') input: SignUpInput): Promise<AuthPayload> {
    return this.auth.signUp(input);
  }

  @Public()
  @Mutation(() => AuthPayload, { description: 'A short-lived token for Authorization: Bearer <token>.' })
  signIn(@Args('input') input: SignInInput): Promise<AuthPayload> {
    return this.auth.signIn(input.email, input.password);
  }

  @Query(() => Viewer, { description: 'The caller, their organization and what they may do.' })
  async viewer(@CurrentCaller() caller: Caller): Promise<Viewer> {
    const me = await this.auth.whoAmI(caller);
    return { ...me, user: me.user && toMember(me.user), apiKey: me.apiKey && toApiKey(me.apiKey) };
  }

  @Requires('admin')
  @Mutation(() => Member, { description: "Adds a user to the caller's organization with a role and a first password (owners)." })
  async addMember(@CurrentCaller() caller: Caller, @Args('input') input: AddMemberInput): Promise<Member> {
    return toMember(await this.auth.addMember(caller, input.email, input.password, input.role));
  }

  @Requires('admin')
  @Query(() => [Member], { description: "The caller's organization's users (owners)." })
  async members(@CurrentCaller() caller: Caller): Promise<Member[]> {
    return (await this.auth.listMembers(caller)).map(toMember);
  }

  @Requires('admin')
  @Mutation(() => CreatedApiKey, { description: 'A new API key for an integration; its secret is shown only in this answer (owners).' })
  async createApiKey(@CurrentCaller() caller: Caller, @Args('input') input: CreateApiKeyInput): Promise<CreatedApiKey> {
    const { apiKey, secret } = await this.auth.createApiKey(caller, input.name, input.scopes);
    return { apiKey: toApiKey(apiKey), secret };
  }

  @Requires('admin')
  @Query(() => [ApiKey], { description: "The organization's API keys, revoked ones included; never their secrets (owners)." })
  async apiKeys(@CurrentCaller() caller: Caller): Promise<ApiKey[]> {
    return (await this.auth.listApiKeys(caller)).map(toApiKey);
  }

  @Requires('admin')
  @Mutation(() => ApiKey, { description: 'Revokes an API key at once (owners); revoking twice is harmless.' })
  async revokeApiKey(@CurrentCaller() caller: Caller, @Args('id', { type: () => ID }) id: string): Promise<ApiKey> {
    return toApiKey(await this.auth.revokeApiKey(caller, id));
  }
}
