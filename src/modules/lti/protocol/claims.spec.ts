import { mapRoles } from './claims';

const V2 = 'http://purl.imsglobal.org/vocab/lis/v2';

describe('mapRoles (LIS roles, LTI Core 1.3 appendix A.2)', () => {
  it.each([
    [[`${V2}/membership#Learner`], 'student'],
    [[`${V2}/membership#Instructor`], 'instructor'],
    [[`${V2}/membership#Administrator`], 'instructor'],
    [['Instructor'], 'instructor'], // simple names are allowed for context roles
    [[`${V2}/institution/person#Administrator`], 'instructor'],
    [[`${V2}/system/person#Administrator`], 'instructor'],
    // A sub-role comes with its principal role; the sub-role decides.
    [[`${V2}/membership#Instructor`, `${V2}/membership/Instructor#TeachingAssistant`], 'assistant'],
    [[`${V2}/membership/Instructor#TeachingAssistant`], 'assistant'],
    [[`${V2}/membership#Learner`, `${V2}/membership#Instructor`], 'instructor'],
    [[`${V2}/membership#Mentor`], 'student'],
    [[`${V2}/institution/person#Student`], 'student'],
    [[], 'student'],
  ])('%j → %s', (roles, expected) => {
    expect(mapRoles(roles)).toBe(expected);
  });
});
