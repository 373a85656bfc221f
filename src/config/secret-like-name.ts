// Names that suggest a secret. A build arg named like one is refused (build args are stored in the
// image history), and a --set flag whose path names one never has its value shown in a message.
const SECRET_LIKE_NAME = /(PASSWORD|PASSWD|SECRET|TOKEN|API_?KEY|PRIVATE_?KEY|CREDENTIAL)/i;

export function isSecretLikeName(name: string): boolean {
  return SECRET_LIKE_NAME.test(name);
}

/** A `--set path=value` flag as messages show it: `images.app.args.NPM_TOKEN=***` for a secret path. */
export function displaySetFlag(flag: string): string {
  const equals = flag.indexOf('=');
  if (equals < 0) return flag;
  const path = flag.slice(0, equals);
  return path.split('.').some(isSecretLikeName) ? `${path}=***` : flag;
}
