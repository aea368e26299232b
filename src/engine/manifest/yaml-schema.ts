import type { ScalarTag, Tags } from 'yaml';

/**
 * How plain scalars resolve, matched to Kubernetes' Go YAML library (sigs.k8s.io/yaml on
 * go-yaml v2, i.e. YAML 1.1 rules) rather than YAML 1.2:
 *  - `y/Y/yes/Yes/YES/on/On/ON` are true and `n/N/no/No/NO/off/Off/OFF` false, as in
 *    `kubectl apply` (so `enabled: yes` is a boolean and a label `x: yes` fails to decode,
 *    exactly as on a real cluster; quote it to keep a string);
 *  - a leading zero means octal (`defaultMode: 0644` is 420);
 *  - timestamps and sexagesimal numbers stay strings (go-yaml v2 keeps them as text).
 * Everything else follows the YAML 1.2 core schema.
 */

const YAML11_TRUE: ScalarTag = {
  identify: (v) => v === true,
  default: true,
  tag: 'tag:yaml.org,2002:bool',
  test: /^(?:y|Y|yes|Yes|YES|on|On|ON)$/,
  resolve: () => true,
};

const YAML11_FALSE: ScalarTag = {
  identify: (v) => v === false,
  default: true,
  tag: 'tag:yaml.org,2002:bool',
  test: /^(?:n|N|no|No|NO|off|Off|OFF)$/,
  resolve: () => false,
};

const YAML11_OCTAL: ScalarTag = {
  identify: (v) => typeof v === 'number' && Number.isInteger(v),
  default: true,
  tag: 'tag:yaml.org,2002:int',
  format: 'OCT',
  test: /^[-+]?0[0-7_]+$/,
  resolve: (str) => {
    const neg = str.startsWith('-');
    const n = parseInt(str.replace(/[-+_]/g, ''), 8);
    return neg ? -n : n;
  },
};

/** Core schema tags with the YAML 1.1 look-alikes tried first. */
export function kubernetesTags(tags: Tags): Tags {
  return [YAML11_TRUE, YAML11_FALSE, YAML11_OCTAL, ...tags];
}
