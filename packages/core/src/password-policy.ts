// The password rules of MedConnect, shared by the server (which enforces them) and the web app (which
// checks as the person types). Length first (NIST SP 800-63B: at least 12 here, spaces and any
// characters allowed, no composition rules), then the guessable shapes: a well-known password, the
// person's own email or name, one character repeated, a short pattern repeated, or a keyboard or
// alphabet sequence. Pure and import-free, so the browser bundle can take this file on its own.

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 128;

/**
 * Among the most used passwords in public breach corpora (SecLists, NCSC top 100k, the yearly
 * "worst passwords" lists), lowercased. Short ones matter too: "password" followed by digits is as
 * guessable as "password".
 */
const COMMON_PASSWORDS = new Set(
  `123456 password 12345678 qwerty 123456789 12345 1234 111111 1234567 dragon 123123 baseball abc123
  football monkey letmein 696969 shadow master 666666 qwertyuiop 123321 mustang 1234567890 michael 654321
  superman 1qaz2wsx 7777777 121212 000000 qazwsx 123qwe killer trustno1 jordan jennifer zxcvbnm asdfgh
  hunter buster soccer harley batman andrew tigger sunshine iloveyou 2000 charlie robert thomas hockey
  ranger daniel starwars klaster 112233 george computer michelle jessica pepper 1111 zxcvbn 555555
  11111111 131313 freedom 777777 pass maggie 159753 aaaaaa ginger princess joshua cheese amanda summer
  love ashley nicole chelsea biteme matthew access yankees 987654321 dallas austin thunder taylor
  matrix mobilemail mom monitor monitoring montana moon moscow welcome welcome1 admin admin123
  administrator root toor changeme changeit default guest login passw0rd password1 password123
  password1234 p@ssw0rd p@ssword qwerty123 qwerty1234 qwertyuiop123 1q2w3e4r 1q2w3e4r5t 1q2w3e 1qazxsw2
  zaq12wsx zaq1zaq1 q1w2e3r4 q1w2e3r4t5y6 asdfghjkl asdf1234 abcd1234 abcdef abcdefg abcdefgh
  iloveyou1 iloveyou2 princess1 sunshine1 football1 baseball1 superman1 dragon1 monkey1 shadow1 master1
  secret secret123 hello hello123 hellokitty whatever trustno1 letmein1 starwars1 pokemon naruto
  liverpool arsenal chelsea1 manchester barcelona realmadrid flower flowers purple orange banana
  cookie chocolate butterfly angel angels babygirl lovely loveme jesus jesus1 blessed 0987654321
  987654 9876543210 123654 147258 147258369 159357 741852963 123abc abc12345 a1b2c3 a1b2c3d4 aa123456
  qweasd qweasdzxc zxcvbnm123 samsung apple google facebook linkedin twitter instagram microsoft
  windows linux android iphone computer1 internet network server database passport spiderman
  batman1 pussy fuckyou fuckoff asshole blink182 metallica slipknot nirvana eminem 50cent
  corvette ferrari porsche mercedes yamaha harley1 jordan23 lakers michael1 jennifer1 charlie1
  qwertyui 1234qwer qwer1234 password12 passwordpassword correcthorsebatterystaple trustme
  letmeinnow mypassword yourpassword thepassword newpassword oldpassword temppassword temp123
  test test123 testing testtest demo demo123 user user123 medconnect health healthcare doctor
  nurse hospital patient medical medicine`
    .split(/\s+/)
    .filter((word) => word !== ''),
);

const SEQUENCES = [
  'abcdefghijklmnopqrstuvwxyz',
  '01234567890123456789',
  'qwertyuiopasdfghjklzxcvbnm',
  'qwertyuiop',
  'asdfghjkl',
  'zxcvbnm',
  '1qaz2wsx3edc4rfv5tgb6yhn7ujm8ik9ol0p',
  'qazwsxedcrfvtgbyhnujmikolp',
];

/** Code points, so a password of emoji or CJK characters is measured as people count it. */
const length = (text: string) => [...text].length;

function isRepeatedPattern(lower: string): boolean {
  const chars = [...lower];
  for (let size = 1; size <= 4; size++) {
    if (chars.length < size * 3) break;
    if (chars.every((c, i) => c === chars[i % size])) return true;
  }
  return false;
}

function isSequence(lower: string): boolean {
  if (lower.length < 4) return false;
  return SEQUENCES.some((sequence) => {
    const reversed = [...sequence].reverse().join('');
    // Repeated so that a run may wrap around ("7890123456…").
    const wrapped = sequence.repeat(Math.ceil(lower.length / sequence.length) + 1);
    const wrappedReversed = reversed.repeat(Math.ceil(lower.length / sequence.length) + 1);
    return wrapped.includes(lower) || wrappedReversed.includes(lower);
  });
}

/** A common password on its own, or with digits and symbols added at the end ("Summer2024!"). */
function isCommon(lower: string): boolean {
  if (COMMON_PASSWORDS.has(lower)) return true;
  const stem = lower.replace(/[\d\W_]+$/u, '');
  if (stem.length >= 4 && stem !== lower && COMMON_PASSWORDS.has(stem)) return true;
  const spaced = lower.replace(/[\s._-]+/g, '');
  return spaced !== lower && COMMON_PASSWORDS.has(spaced);
}

const compact = (text: string) => text.replace(/[\s.,'_+-]+/g, '');

function containsPersonal(
  lower: string,
  context: { email?: string | undefined; displayName?: string | undefined },
) {
  const found: ('email' | 'name')[] = [];
  // Compared with separators removed too: "ann-lee-2024" contains the name "Ann Lee".
  const contains = (part: string) => lower.includes(part) || compact(lower).includes(compact(part));
  const local = context.email?.split('@')[0]?.toLowerCase() ?? '';
  const localParts = local.split(/[._+-]+/).filter((part) => part.length >= 4);
  if ((compact(local).length >= 3 && contains(local)) || localParts.some(contains)) found.push('email');
  const name = context.displayName?.toLowerCase().trim() ?? '';
  const nameParts = name.split(/[\s.,'-]+/).filter((part) => part.length >= 4);
  if ((compact(name).length >= 3 && contains(name)) || nameParts.some(contains)) found.push('name');
  return found;
}

/**
 * What is wrong with `password`, each as a sentence to show the person; empty when it is acceptable.
 * `context` holds the account's email and name, which a password must not contain.
 */
export function passwordProblems(
  password: string,
  context: { email?: string | undefined; displayName?: string | undefined } = {},
): string[] {
  const problems: string[] = [];
  const size = length(password);
  if (size < PASSWORD_MIN_LENGTH) problems.push(`Use at least ${PASSWORD_MIN_LENGTH} characters.`);
  if (size > PASSWORD_MAX_LENGTH) problems.push(`Use at most ${PASSWORD_MAX_LENGTH} characters.`);
  const lower = password.toLowerCase();
  if (size === 0) return problems;
  if (isCommon(lower)) {
    problems.push('This is one of the most common passwords. Choose something less predictable.');
  }
  const personal = containsPersonal(lower, context);
  if (personal.includes('email')) problems.push('Do not use your email address in your password.');
  if (personal.includes('name')) problems.push('Do not use your name in your password.');
  if (isRepeatedPattern(lower)) {
    problems.push('Do not repeat one character or a short pattern. Use several unrelated words instead.');
  } else if (isSequence(lower)) {
    problems.push(
      'Do not use a simple sequence such as "abcd" or "1234". Use several unrelated words instead.',
    );
  }
  return problems;
}
