import { escapeHtml, page, scriptValue } from './html';
import type { LoginStart } from './login';
import { stateBinding, type LoginState } from './state';

/**
 * Cookie-less launches inside the LMS iframe (1EdTech "LTI Client Side postMessages" and
 * "LTI postMessage Storage", v0.1). When the login request carries `lti_storage_target`,
 * the login answers with a page that stores the state binding in the platform's frame
 * (`lti.put_data`) before following the authentication request, and the launch answers
 * with a page that reads it back (`lti.get_data`) before continuing. Messages go to
 * `window.parent` (target `_parent`) or the named frame of the parent, with the origin of
 * the platform's authorization endpoint as target origin; only answers from that origin
 * with our `message_id` count.
 *
 * When storage fails or does not answer in time, the page offers to continue in a new
 * window: there the tool is first-party and the binding cookie works.
 */

const TIMEOUT_MS = 2000;

/** Shared script: `postToPlatform(message, onAnswer)` with origin and message id checks and a timeout. */
function messagingScript(target: string, platformOrigin: string): string {
  return `
var platformOrigin = ${scriptValue(platformOrigin)};
var targetName = ${scriptValue(target)};
function fallback() { document.getElementById('lti-fallback').hidden = false; }
function postToPlatform(message, onAnswer) {
  var host = window.parent !== window ? window.parent : window.opener;
  var frame = null;
  try { frame = host && (targetName === '_parent' ? host : host.frames[targetName]); } catch (e) { frame = null; }
  if (!frame) return fallback();
  var id = 'kn-' + Math.random().toString(36).slice(2) + Date.now().toString(36);
  var answered = false;
  window.addEventListener('message', function (event) {
    var data = event.data;
    if (answered || event.origin !== platformOrigin || !data || data.message_id !== id || data.subject !== message.subject + '.response') return;
    answered = true;
    if (data.error) return fallback();
    onAnswer(data);
  });
  message.message_id = id;
  frame.postMessage(message, platformOrigin);
  setTimeout(function () { if (!answered) { answered = true; fallback(); } }, ${TIMEOUT_MS});
}`;
}

function fallbackBlock(newWindowUrl: string | undefined, text: string): string {
  const link = newWindowUrl
    ? `<p><a href="${escapeHtml(newWindowUrl)}" target="_blank" rel="opener">Open kube-netlab in a new window</a></p>`
    : '';
  return `<div id="lti-fallback" hidden><p>${text}</p>${link}</div>`;
}

/**
 * The login answer when the platform offers storage: puts `binding.key` = `binding.value`
 * with `lti.put_data`, then follows `redirectUrl`. `newWindowUrl` is the login
 * initiation URL without `lti_storage_target` (see `newWindowLoginUrl`).
 */
export function renderLoginPage(start: Pick<LoginStart, 'redirectUrl' | 'binding' | 'storage'>, newWindowUrl?: string): string {
  if (!start.storage) throw new Error('renderLoginPage needs a login whose platform offered storage (lti_storage_target)');
  const script = `${messagingScript(start.storage.target, start.storage.platformOrigin)}
postToPlatform({ subject: 'lti.put_data', key: ${scriptValue(start.binding.key)}, value: ${scriptValue(start.binding.value)} }, function () {
  window.location.replace(${scriptValue(start.redirectUrl)});
});`;
  return page('Signing in to kube-netlab', `${fallbackBlock(newWindowUrl, 'Your browser blocked the sign-in inside the course page.')}\n<script>${script}</script>`);
}

/**
 * The launch answer when the state binding cookie is absent but the login used platform
 * storage: reads the binding with `lti.get_data` and goes on to `continueUrl` only when
 * it matches, so a launch posted into another browser goes nowhere.
 */
export function renderLaunchCheckPage(state: LoginState, continueUrl: string, newWindowUrl?: string): string {
  if (!state.storageTarget) throw new Error('renderLaunchCheckPage needs a state whose login used platform storage');
  const binding = stateBinding(state);
  const script = `${messagingScript(state.storageTarget, state.platformOrigin)}
postToPlatform({ subject: 'lti.get_data', key: ${scriptValue(binding.key)} }, function (data) {
  if (data.value === ${scriptValue(binding.value)}) window.location.replace(${scriptValue(continueUrl)});
  else fallback();
});`;
  return page('Opening kube-netlab', `${fallbackBlock(newWindowUrl, 'This launch could not be matched to the sign-in that started it.')}\n<script>${script}</script>`);
}

/** The login initiation URL to open in a new window: the same parameters without `lti_storage_target`. */
export function newWindowLoginUrl(loginUrl: string, params: Record<string, string>): string {
  const url = new URL(loginUrl);
  for (const [name, value] of Object.entries(params)) if (name !== 'lti_storage_target') url.searchParams.set(name, value);
  return url.toString();
}
