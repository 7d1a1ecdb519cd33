import { ROLE } from '../../../../test/support/lti-platform';
import { startToolFixture, USER_AGENT, type ToolFixture } from '../../../../test/support/lti/tool-fixture';
import { AgsClient } from './ags';
import { LtiHttpError } from './http';
import { fetchRoster } from './nrps';
import { ServiceTokens } from './service-token';
import { SCOPE } from './uris';

describe('LTI Advantage services against the test LMS', () => {
  let lti: ToolFixture;
  let tokens: ServiceTokens;
  let ags: AgsClient;
  beforeEach(async () => {
    lti = await startToolFixture();
    tokens = new ServiceTokens({ http: lti.http, keys: lti.keys, clock: lti.clock });
    ags = new AgsClient(tokens);
  });
  afterEach(() => lti.close());

  describe('service tokens (client credentials with a signed client assertion)', () => {
    it('gets a token the platform granted after checking the assertion against the tool’s key set', async () => {
      const token = await tokens.token(lti.registration, [SCOPE.score]);
      expect(token).toEqual(expect.any(String));
      expect(lti.platform.tokenRequests).toEqual([{ clientId: 'kube-netlab-client', scope: SCOPE.score, granted: true }]);
    });

    it('caches per scope set until expiry minus the margin', async () => {
      lti.platform.tokenLifetimeSeconds = 600;
      const first = await tokens.token(lti.registration, [SCOPE.score, SCOPE.lineItem]);
      expect(await tokens.token(lti.registration, [SCOPE.lineItem, SCOPE.score])).toBe(first);
      await tokens.token(lti.registration, [SCOPE.memberships]);
      expect(lti.platform.tokenRequests).toHaveLength(2);

      lti.advance(600_000 - 61_000);
      expect(await tokens.token(lti.registration, [SCOPE.score, SCOPE.lineItem])).toBe(first);
      lti.advance(2_000);
      expect(await tokens.token(lti.registration, [SCOPE.score, SCOPE.lineItem])).not.toBe(first);
      expect(lti.platform.tokenRequests).toHaveLength(3);
    });

    it('shares one token request between concurrent callers', async () => {
      const [a, b] = await Promise.all([tokens.token(lti.registration, [SCOPE.score]), tokens.token(lti.registration, [SCOPE.score])]);
      expect(a).toBe(b);
      expect(lti.platform.tokenRequests).toHaveLength(1);
    });

    it('surfaces the token endpoint’s refusal with its status and body', async () => {
      const error = await tokens.token({ ...lti.registration, tokenAudience: 'https://wrong.example/token' }, [SCOPE.score]).catch((e) => e);
      expect(error).toBeInstanceOf(LtiHttpError);
      expect(error).toMatchObject({ status: 400, retryable: false, body: expect.stringContaining('invalid_client') });
    });

    it('retries once with a fresh token when the platform answers 401', async () => {
      await ags.findOrCreateLineItem(lti.registration, lti.platform.lineItemsUrl('c1'), { label: 'Lab', scoreMaximum: 10, resourceId: 'lab-1' });
      lti.platform.revokeAccessTokens();
      await ags.findOrCreateLineItem(lti.registration, lti.platform.lineItemsUrl('c1'), { label: 'Lab', scoreMaximum: 10, resourceId: 'lab-1' });
      expect(lti.platform.tokenRequests).toHaveLength(2);
    });
  });

  describe('AGS', () => {
    const lab = { label: 'Lab: Services', scoreMaximum: 100, resourceId: 'lab-services', tag: 'kube-netlab', resourceLinkId: 'link-7' };

    it('creates one line item per lab, however often it is asked', async () => {
      const url = lti.platform.lineItemsUrl('course-42');
      const first = await ags.findOrCreateLineItem(lti.registration, url, lab);
      const again = await ags.findOrCreateLineItem(lti.registration, url, lab);
      expect(first.created).toBe(true);
      expect(again).toEqual({ lineItem: first.lineItem, created: false });
      expect(lti.platform.lineItems.get('course-42')).toEqual([{ ...lab, id: first.lineItem.id }]);
      const posts = lti.platform.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/lineitems'));
      expect(posts).toHaveLength(1);
    });

    it('does not take another placement’s column of the same lab when the platform ignores resource_link_id', async () => {
      const existing = { id: 'https://lms.example/lineitems/1', label: 'Lab', scoreMaximum: 10, resourceId: 'lab-1', resourceLinkId: 'link-a' };
      const posted: unknown[] = [];
      // A platform that lists every item whatever the filters, as AGS 2.0 lets the tool not rely on.
      const ignoringFilters = {
        call: async (_registration: unknown, _scopes: string[], _url: string, init: RequestInit = {}) => {
          if (init.method !== 'POST') return Response.json([existing]);
          posted.push(JSON.parse(String(init.body)));
          return Response.json({ ...(posted[0] as object), id: 'https://lms.example/lineitems/2' });
        },
      } as unknown as ServiceTokens;
      const client = new AgsClient(ignoringFilters);
      const url = 'https://lms.example/lineitems';
      expect(await client.findOrCreateLineItem(lti.registration, url, { label: 'Lab', scoreMaximum: 10, resourceId: 'lab-1', resourceLinkId: 'link-a' })).toEqual({ lineItem: existing, created: false });
      const other = await client.findOrCreateLineItem(lti.registration, url, { label: 'Lab', scoreMaximum: 10, resourceId: 'lab-1', resourceLinkId: 'link-b' });
      expect(other).toMatchObject({ created: true, lineItem: { id: 'https://lms.example/lineitems/2', resourceLinkId: 'link-b' } });
    });

    it('reads every page of the line item container and still finds the lab’s item', async () => {
      const url = lti.platform.lineItemsUrl('course-42');
      for (const id of ['lab-a', 'lab-b', 'lab-c', 'lab-d']) await ags.findOrCreateLineItem(lti.registration, url, { label: id, scoreMaximum: 1, resourceId: id });
      expect(await ags.lineItems(lti.registration, url)).toHaveLength(4);
      const found = await ags.findOrCreateLineItem(lti.registration, url, { label: 'x', scoreMaximum: 1, resourceId: 'lab-d' });
      expect(found.created).toBe(false);
      expect(lti.platform.lineItems.get('course-42')).toHaveLength(4);
    });

    it('publishes each score exactly once, with the AGS fields, and a regrade as a new score', async () => {
      const { lineItem } = await ags.findOrCreateLineItem(lti.registration, lti.platform.lineItemsUrl('course-42'), lab);
      const graded = new Date('2026-03-01T10:00:00.123Z');
      await ags.publishScore(lti.registration, lineItem.id, {
        userId: 'user-student-1',
        scoreGiven: 80,
        scoreMaximum: 100,
        activityProgress: 'Completed',
        gradingProgress: 'FullyGraded',
        timestamp: graded,
        comment: '4 of 5 checks passed',
      });
      expect(lti.platform.scores).toEqual([
        {
          lineItemId: lineItem.id,
          contentType: 'application/vnd.ims.lis.v1.score+json',
          body: {
            userId: 'user-student-1',
            scoreGiven: 80,
            scoreMaximum: 100,
            activityProgress: 'Completed',
            gradingProgress: 'FullyGraded',
            timestamp: '2026-03-01T10:00:00.123Z',
            comment: '4 of 5 checks passed',
          },
        },
      ]);
      await ags.publishScore(lti.registration, lineItem.id, { userId: 'user-student-1', scoreGiven: 100, scoreMaximum: 100, activityProgress: 'Completed', gradingProgress: 'FullyGraded', timestamp: new Date(graded.getTime() + 60_000) });
      expect(lti.platform.scores.map((s) => s.body.scoreGiven)).toEqual([80, 100]);
    });

    it('refuses a score without scoreMaximum before calling the platform', async () => {
      await expect(
        ags.publishScore(lti.registration, `${lti.platform.lineItemsUrl('c')}/1`, { userId: 'u', scoreGiven: 1, activityProgress: 'Completed', gradingProgress: 'FullyGraded', timestamp: new Date() }),
      ).rejects.toThrow('scoreGiven needs scoreMaximum');
    });

    it('surfaces a platform error with status and body, not retryable for a 404', async () => {
      const error = await ags
        .publishScore(lti.registration, `${lti.platform.lineItemsUrl('course-42')}/999`, { userId: 'u', activityProgress: 'Submitted', gradingProgress: 'Pending', timestamp: new Date() })
        .catch((e) => e);
      expect(error).toBeInstanceOf(LtiHttpError);
      expect(error).toMatchObject({ method: 'POST', status: 404, retryable: false, body: expect.stringContaining('no such line item') });
    });

    it('sends its User-Agent on every service call', async () => {
      await ags.findOrCreateLineItem(lti.registration, lti.platform.lineItemsUrl('course-42'), lab);
      const agents = new Set(lti.platform.requests.map((r) => r.userAgent));
      expect([...agents]).toEqual([USER_AGENT]);
    });
  });

  describe('NRPS', () => {
    it('reads the whole roster, following rel="next" pages', async () => {
      const members = ['a', 'b', 'c', 'd', 'e'].map((id, i) => ({ user_id: `user-${id}`, roles: [i === 0 ? ROLE.instructor : ROLE.learner], name: `User ${id}`, status: 'Active' }));
      members.push({ user_id: 'user-gone', roles: [ROLE.learner], name: 'Gone', status: 'Inactive' });
      lti.platform.rosters.set('course-42', members);

      const roster = await fetchRoster(tokens, lti.registration, lti.platform.membershipsUrl('course-42'));
      expect(roster.context).toEqual({ id: 'course-42', title: 'Course course-42' });
      expect(roster.members.map((m) => [m.userId, m.status])).toEqual([
        ['user-a', 'Active'],
        ['user-b', 'Active'],
        ['user-c', 'Active'],
        ['user-d', 'Active'],
        ['user-e', 'Active'],
        ['user-gone', 'Inactive'],
      ]);
      expect(lti.platform.requests.filter((r) => r.path.includes('/memberships'))).toHaveLength(3);
      expect(lti.platform.tokenRequests.map((r) => r.scope)).toEqual([SCOPE.memberships]);
    });
  });
});
