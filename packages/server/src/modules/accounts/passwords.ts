// Password hashing with argon2id at the OWASP parameters (19 MiB, 2 passes, 1 lane). Verifying for an
// unknown account runs against a dummy hash, so a wrong address costs the same time as a wrong password.
import { randomBytes } from 'node:crypto';
import { hash, verify, type Options } from '@node-rs/argon2';

const options: Options = {
  // Argon2id; the package's `Algorithm` is an ambient const enum, which isolated modules cannot import.
  algorithm: 2,
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
};

export const hashPassword = (password: string): Promise<string> => hash(password, options);

let dummyHash: Promise<string> | undefined;
/** A hash nobody knows the password of, made once per process. */
const dummy = () => (dummyHash ??= hash(randomBytes(32).toString('hex'), options));

/** Starts the dummy hash early so the first unknown address is not slower than the rest. */
export const warmPasswordHashing = (): void => void dummy();

/** True when `password` matches `stored`; with no stored hash it still spends the time of a verify. */
export async function verifyPassword(stored: string | null | undefined, password: string): Promise<boolean> {
  if (!stored) {
    await verify(await dummy(), password).catch(() => false);
    return false;
  }
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}
