/** chartutil.ValidateReleaseName: DNS-1123-subdomain-like, at most 53 characters. */

const VALID_NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const MAX_RELEASE_NAME_LEN = 53;

/** The error text, or undefined when the name is valid. */
export function validateReleaseName(name: string): string | undefined {
  if (name === '') return 'no name provided';
  if (name.length > MAX_RELEASE_NAME_LEN || !VALID_NAME.test(name)) {
    return `invalid release name, must match regex ${VALID_NAME.source} and the length must not be longer than ${MAX_RELEASE_NAME_LEN}`;
  }
  return undefined;
}
