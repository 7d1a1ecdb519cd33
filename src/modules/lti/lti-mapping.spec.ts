import { parseCookies, refusalStatus } from './lti-http';
import { ltiPerson } from './lti-roles';
import { scoreComment } from './score-comment';
import { mapRoles } from './protocol';

const MEMBERSHIP = 'http://purl.imsglobal.org/vocab/lis/v2/membership';

describe('ltiPerson: who a launch or a roster entry makes', () => {
  it('maps LIS roles: Instructor → org instructor + classroom instructor; TA → org student + assistant; Learner → student', () => {
    const person = (roles: string[]) => ltiPerson('https://lms.example.edu', 'u1', 'U1@Example.EDU', mapRoles(roles));
    expect(person([`${MEMBERSHIP}#Instructor`])).toMatchObject({ orgRole: 'instructor', classroomRole: 'instructor' });
    expect(person([`${MEMBERSHIP}#Instructor`, `${MEMBERSHIP}/Instructor#TeachingAssistant`])).toMatchObject({ orgRole: 'student', classroomRole: 'assistant' });
    expect(person([`${MEMBERSHIP}#Learner`])).toMatchObject({ orgRole: 'student', classroomRole: 'student' });
    expect(person([])).toMatchObject({ orgRole: 'student', classroomRole: 'student' });
  });

  it('takes the email from the claims (lower-cased), else <sub>@<issuer host name>', () => {
    expect(ltiPerson('https://lms.example.edu', 'u1', ' Ada@Example.EDU ', 'student').email).toBe('ada@example.edu');
    expect(ltiPerson('https://lms.example.edu:8443/course', 'A-42', undefined, 'student').email).toBe('a-42@lms.example.edu');
    expect(ltiPerson('https://lms.example.edu', 'A-42', '', 'student').email).toBe('a-42@lms.example.edu');
  });
});

describe('scoreComment: what the LMS gradebook shows beside the score', () => {
  const grade = (score: number, checks: { id: string; passed: boolean }[]) => ({ id: `g${score}`, status: 'graded', regradeId: null, score, maxScore: 10, late: false, checks, queuedAt: new Date(0) });
  const submission = (g: ReturnType<typeof grade>) => ({ id: `s${g.score}`, userId: 'u', submittedAt: new Date(0), grades: [g] });
  const lab = { checks: [{ id: 'service', hidden: false }, { id: 'endpoints', hidden: false }, { id: 'curl', hidden: true }] as never };

  it('names the failed checks of the best submission, never hidden ones', () => {
    const worse = submission(grade(4, [{ id: 'service', passed: true }, { id: 'endpoints', passed: false }, { id: 'curl', passed: false }]));
    const best = submission(grade(6, [{ id: 'service', passed: true }, { id: 'endpoints', passed: false }, { id: 'curl', passed: true }]));
    expect(scoreComment([worse, best], 6, 10, lab)).toBe('6/10 (best of 2 attempts). Failed checks: endpoints.');
  });

  it('says nothing about checks when only hidden ones failed', () => {
    expect(scoreComment([submission(grade(8, [{ id: 'endpoints', passed: true }, { id: 'curl', passed: false }]))], 8, 10, lab)).toBe('8/10 (best of 1 attempt).');
  });
});

describe('parseCookies', () => {
  it('reads name=value pairs of a Cookie header (RFC 6265 §5.4), values as sent', () => {
    expect(parseCookies('a=1; lti_state_x=abc-_=; b=')).toEqual({ a: '1', lti_state_x: 'abc-_=', b: '' });
    expect(parseCookies(undefined)).toEqual({});
  });
});

describe('refusalStatus', () => {
  it('401 when the launch cannot be trusted, 400 when it is malformed or not for this tool', () => {
    expect(['bad_signature', 'unknown_kid', 'expired', 'wrong_audience', 'nonce_replayed', 'no_browser_binding'].map(refusalStatus)).toEqual([401, 401, 401, 401, 401, 401]);
    expect(['unknown_deployment', 'wrong_message_type', 'bad_claims', 'unknown_lab'].map(refusalStatus)).toEqual([400, 400, 400, 400]);
    expect(refusalStatus('not_instructor')).toBe(403);
  });
});
