/** DNS-1123 name rules, with the API server's own error details. */

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

export const DNS1123_LABEL_ERROR =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
export const DNS1123_SUBDOMAIN_ERROR =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";

/** [a-z0-9] */
function alnum(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 48 && c <= 57);
}

/** The regexes' verdict by one scan (names are checked on every create: keep the common case cheap). */
function isDns1123(name: string, dots: boolean): boolean {
  const n = name.length;
  if (n === 0) return false;
  let prev = 46; // '.': a label must start with an alphanumeric
  for (let i = 0; i < n; i++) {
    const c = name.charCodeAt(i);
    if (alnum(c)) {
      prev = c;
      continue;
    }
    if (c === 45 && prev !== 46) {
      prev = c;
      continue;
    }
    if (c === 46 && dots && alnum(prev)) {
      prev = c;
      continue;
    }
    return false;
  }
  return alnum(prev);
}

export function dns1123LabelErrors(name: string): string[] {
  if (name.length <= 63 && isDns1123(name, false)) return [];
  const errs: string[] = [];
  if (name.length > 63) errs.push('must be no more than 63 characters');
  if (!DNS1123_LABEL.test(name)) errs.push(DNS1123_LABEL_ERROR);
  return errs;
}

export function dns1123SubdomainErrors(name: string): string[] {
  if (name.length <= 253 && isDns1123(name, true)) return [];
  const errs: string[] = [];
  if (name.length > 253) errs.push('must be no more than 253 characters');
  if (!DNS1123_SUBDOMAIN.test(name)) errs.push(DNS1123_SUBDOMAIN_ERROR);
  return errs;
}

/** Kinds whose names must be DNS-1123 labels (the rest accept subdomains). */
export const LABEL_NAMED_KINDS: ReadonlySet<string> = new Set(['Namespace', 'Service']);

export function nameErrors(kind: string, name: string): string[] {
  return LABEL_NAMED_KINDS.has(kind) ? dns1123LabelErrors(name) : dns1123SubdomainErrors(name);
}
