import { escapeHtml, page } from './protocol/html';

/**
 * The HTML pages the LTI endpoints answer with inside the LMS frame. Each carries what a
 * front-end (or a test) needs as `<meta>` elements: the kube-netlab token to call the API
 * as the launching user, and the ids of the user, classroom and lab.
 */

export interface Landing {
  token: string;
  expiresIn: number;
  userId: string;
  role: string;
  classroomId: string | null;
  lab: { id: string; title: string; instructions: string; maxScore: number } | null;
}

function meta(values: Record<string, string | number | null>): string {
  return Object.entries(values)
    .filter(([, value]) => value !== null)
    .map(([name, value]) => `<meta name="kube-netlab-${name}" content="${escapeHtml(String(value))}">`)
    .join('\n');
}

/** Where a launch lands: the lab's title and instructions (or why there is no lab yet) and the user's token. */
export function landingPage(landing: Landing): string {
  const head = meta({ token: landing.token, 'user-id': landing.userId, role: landing.role, 'classroom-id': landing.classroomId, 'lab-id': landing.lab?.id ?? null });
  const body = landing.lab
    ? `<h1>${escapeHtml(landing.lab.title)}</h1>\n<p>Out of ${landing.lab.maxScore} points.</p>\n<pre class="instructions">${escapeHtml(landing.lab.instructions)}</pre>`
    : `<h1>No lab yet</h1>\n<p>This link does not open a lab yet: ${landing.role === 'instructor' ? 'add it again from the course with kube-netlab\'s lab picker (deep linking).' : 'your instructor has not chosen one.'}</p>`;
  return page(landing.lab?.title ?? 'kube-netlab', `${head}\n${body}`);
}

/** The lab picker of a deep linking launch: one form per lab, each POSTing its id with the signed request. */
export function labPickerPage(action: string, request: string, labs: { id: string; title: string; maxScore: number }[], token: string): string {
  const forms = labs
    .map(
      (lab) =>
        `<form class="lab" method="post" action="${escapeHtml(action)}">\n<input type="hidden" name="request" value="${escapeHtml(request)}">\n<input type="hidden" name="lab_id" value="${escapeHtml(lab.id)}">\n<button type="submit">${escapeHtml(lab.title)} (${lab.maxScore} points)</button>\n</form>`,
    )
    .join('\n');
  const body = labs.length > 0 ? forms : '<p>Your organization has no labs yet: create one in kube-netlab first.</p>';
  return page('Choose a kube-netlab lab', `${meta({ token })}\n<h1>Choose a lab to add to the course</h1>\n${body}`);
}

/** A refusal or error, said plainly. */
export function messagePage(title: string, message: string, reason?: string): string {
  return page(title, `<h1>${escapeHtml(title)}</h1>\n<p>${escapeHtml(message)}</p>${reason ? `\n<p><code class="reason">${escapeHtml(reason)}</code></p>` : ''}`);
}
