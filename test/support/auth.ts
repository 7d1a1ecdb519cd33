import request from 'supertest';
import { graphql, Stack } from './boot';

/** A signed-up organization's owner: what the e2e tests authenticate as. */
export interface Account {
  email: string;
  password: string;
  organizationName: string;
  token: string;
}

let accounts = 0;

/** Signs up a fresh organization (unique email per call) over REST and returns its owner. */
export async function signUp(stack: Stack, organizationName = 'test org'): Promise<Account> {
  accounts += 1;
  const email = `owner-${process.pid}-${accounts}-${Date.now()}@example.test`;
  const password = 'correct horse battery staple';
  const response = await request(stack.url).post('/api/auth/sign-up').send({ email, password, organizationName });
  if (response.status !== 201) throw new Error(`sign-up failed: ${response.status} ${JSON.stringify(response.body)}`);
  return { email, password, organizationName, token: response.body.token };
}

/** REST and GraphQL requests that send `Authorization: Bearer <credential>` (none when undefined). */
export function as(stack: Stack, credential: string | undefined) {
  const agent = request(stack.url);
  const bearer = (test: request.Test) => (credential === undefined ? test : test.set('Authorization', `Bearer ${credential}`));
  return {
    get: (path: string) => bearer(agent.get(path)),
    post: (path: string) => bearer(agent.post(path)),
    put: (path: string) => bearer(agent.put(path)),
    delete: (path: string) => bearer(agent.delete(path)),
    graphql: <T = Record<string, any>>(query: string, variables: Record<string, unknown> = {}) =>
      graphql<T>(stack, query, variables, credential),
  };
}
