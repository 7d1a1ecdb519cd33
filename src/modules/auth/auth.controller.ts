import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, Post } from '@nestjs/common';
import { CurrentCaller, Public, Requires } from './auth.decorators';
import { toApiKey, toMember } from './auth.mapper';
import { AuthService } from './auth.service';
import { AddMemberInput, CreateApiKeyInput, SignInInput, SignUpInput } from './dto/auth.input';
import { ApiKey, AuthPayload, CreatedApiKey, Member, Viewer } from './models/auth.model';
import type { Caller } from './permissions';

/** REST twin of the GraphQL auth operations, under /api/auth. */
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Public()
  @Post('sign-up')
  signUp(@Body() input: SignUpInput): Promise<AuthPayload> {
    return this.auth.signUp(input);
  }

  @Public()
  @Post('sign-in')
  @HttpCode(HttpStatus.OK)
  signIn(@Body() input: SignInInput): Promise<AuthPayload> {
    return this.auth.signIn(input.email, input.password);
  }

  @Get('me')
  async me(@CurrentCaller() caller: Caller): Promise<Viewer> {
    const me = await this.auth.whoAmI(caller);
    return { ...me, user: me.user && toMember(me.user), apiKey: me.apiKey && toApiKey(me.apiKey) };
  }

  @Requires('admin')
  @Get('members')
  async members(@CurrentCaller() caller: Caller): Promise<Member[]> {
    return (await this.auth.listMembers(caller)).map(toMember);
  }

  @Requires('admin')
  @Post('members')
  async addMember(@CurrentCaller() caller: Caller, @Body() input: AddMemberInput): Promise<Member> {
    return toMember(await this.auth.addMember(caller, input.email, input.password, input.role));
  }

  @Requires('admin')
  @Get('api-keys')
  async apiKeys(@CurrentCaller() caller: Caller): Promise<ApiKey[]> {
    return (await this.auth.listApiKeys(caller)).map(toApiKey);
  }

  @Requires('admin')
  @Post('api-keys')
  async createApiKey(@CurrentCaller() caller: Caller, @Body() input: CreateApiKeyInput): Promise<CreatedApiKey> {
    const { apiKey, secret } = await this.auth.createApiKey(caller, input.name, input.scopes);
    return { apiKey: toApiKey(apiKey), secret };
  }

  @Requires('admin')
  @Delete('api-keys/:id')
  async revokeApiKey(@CurrentCaller() caller: Caller, @Param('id') id: string): Promise<ApiKey> {
    return toApiKey(await this.auth.revokeApiKey(caller, id));
  }
}
