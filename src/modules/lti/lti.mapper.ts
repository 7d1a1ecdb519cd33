import type { LtiRegistration as RegistrationRow, LtiRefusedLaunch as RefusalRow } from '../../generated/prisma/client';
import type { LtiPassback, LtiPassbackStatusName, LtiRefusedLaunch, LtiRegistration, LtiToolKey } from './models/lti.model';
import type { LtiRepository } from './lti.repository';
import type { StoredToolKey } from './protocol';

type PassbackRow = Awaited<ReturnType<LtiRepository['listPassbacks']>>[number];

export function toLtiRegistration(row: RegistrationRow): LtiRegistration {
  const { id, name, issuer, clientId, authorizationUrl, tokenUrl, jwksUrl, tokenAudience, deploymentIds, productFamilyCode, createdAt } = row;
  return { id, name, issuer, clientId, authorizationUrl, tokenUrl, jwksUrl, tokenAudience, deploymentIds, productFamilyCode, createdAt };
}

export function toLtiRefusedLaunch(row: RefusalRow): LtiRefusedLaunch {
  const { id, registrationId, reason, message, createdAt } = row;
  return { id, registrationId, reason, message, createdAt };
}

export function toLtiToolKey(key: StoredToolKey, signingKid: string): LtiToolKey {
  return { kid: key.kid, signing: key.kid === signingKid, createdAt: key.createdAt, retiredAt: key.retiredAt ?? null };
}

export function toLtiPassback(row: PassbackRow): LtiPassback {
  const { id, gradeId, userId, email, scoreGiven, scoreMaximum, status, attempts, lastError, lastResponseStatus, sentAt, createdAt } = row;
  return { id, gradeId, userId, student: email, score: scoreGiven, scoreMaximum, status: status as LtiPassbackStatusName, attempts, lastError, lastResponseStatus, sentAt, createdAt };
}
