// The Sign-In with Ethereum message (EIP-4361) the browser wallet signs to prove the person controls
// an address. The server checks the signature, the nonce it issued, and that the domain and URI are
// its own. Loaded on demand (see browser-wallet.ts): viem is needed only when a wallet is used.
import { getAddress, stringToHex } from 'viem';
import { createSiweMessage } from 'viem/siwe';
import { browserWallet, type SignedWalletMessage } from './browser-wallet.ts';

export class WalletError extends Error {
  override name = 'WalletError';
}

/** How long a signed message is accepted; the nonce is single-use in any case. */
const messageLifetimeMs = 10 * 60_000;

/**
 * Asks the wallet for an account, builds an EIP-4361 message around a fresh server nonce and has
 * the wallet sign it (`personal_sign`).
 */
export async function signWithWallet(
  getNonce: () => Promise<string>,
  statement: string,
): Promise<SignedWalletMessage> {
  const wallet = browserWallet();
  if (wallet === null)
    throw new WalletError(
      'No browser wallet found. Install MetaMask or a similar wallet and reload the page.',
    );
  try {
    const accounts = await wallet.request({ method: 'eth_requestAccounts' });
    const first = Array.isArray(accounts) ? (accounts[0] as unknown) : undefined;
    if (typeof first !== 'string') throw new WalletError('The wallet did not share an account.');
    const address = getAddress(first);
    const chainIdHex = await wallet.request({ method: 'eth_chainId' });
    const chainId = typeof chainIdHex === 'string' ? Number.parseInt(chainIdHex, 16) : Number.NaN;
    if (!Number.isSafeInteger(chainId))
      throw new WalletError('The wallet did not say which network it is on.');
    const nonce = await getNonce();
    const issuedAt = new Date();
    const message = createSiweMessage({
      domain: window.location.host,
      address,
      statement,
      uri: window.location.origin,
      version: '1',
      chainId,
      nonce,
      issuedAt,
      expirationTime: new Date(issuedAt.getTime() + messageLifetimeMs),
    });
    const signature = await wallet.request({
      method: 'personal_sign',
      params: [stringToHex(message), address],
    });
    if (typeof signature !== 'string') throw new WalletError('The wallet did not return a signature.');
    return { message, signature };
  } catch (error) {
    throw walletError(error);
  }
}

/** EIP-1193 errors carry a numeric code; 4001 is the person saying no. Other errors pass through. */
function walletError(error: unknown): unknown {
  if (error instanceof WalletError || !(typeof error === 'object' && error !== null && 'code' in error))
    return error;
  const { code, message } = error as { code: unknown; message?: unknown };
  if (code === 4001) return new WalletError('You declined the request in your wallet.');
  if (code === -32002)
    return new WalletError('Your wallet already has a request waiting. Open the wallet to answer it.');
  return new WalletError(
    typeof message === 'string' && message !== ''
      ? `The wallet said: ${message}`
      : 'The wallet refused the request.',
  );
}
