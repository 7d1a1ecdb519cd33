import request from 'supertest';
import { bootStack, Stack } from '../support/boot';

describe('the OpenAPI document', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await bootStack();
  });
  afterAll(() => stack.close());

  it('is served without credentials at /api/docs/openapi.json and describes the REST routes', async () => {
    const doc = (await request(stack.url).get('/api/docs/openapi.json').expect(200)).body;
    expect(doc.openapi).toMatch(/^3\./);
    for (const path of ['/api/scenarios', '/api/scenarios/{id}/simulations', '/api/simulations/{id}', '/api/auth/sign-up', '/api/auth/sign-in']) expect(Object.keys(doc.paths)).toContain(path);
    expect(doc.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
    // The request bodies carry their fields (DTO properties), not empty objects.
    expect(Object.keys(doc.components.schemas.CreateScenarioInput.properties)).toEqual(['name', 'manifests']);
    expect(doc.components.schemas.RunSimulationBody.properties.priority.enum).toEqual(['interactive', 'batch']);
    await request(stack.url).get('/api/docs').expect(200);
  });
});
