// Whether this browser has an Ethereum wallet (EIP-1193, as MetaMask injects it at window.ethereum).
// Kept apart from the signing code so pages can ask cheaply; viem loads only when a wallet is used.

export interface Eip1193Provider {
  request(args: { method: string; params?: readonly unknown[] }): Promise<unknown>;
}

export function browserWallet(): Eip1193Provider | null {
  const candidate = (window as unknown as { ethereum?: unknown }).ethereum;
  if (typeof candidate !== 'object' || candidate === null) return null;
  return typeof (candidate as Partial<Eip1193Provider>).request === 'function'
    ? (candidate as Eip1193Provider)
    : null;
}

export interface SignedWalletMessage {
  message: string;
  signature: string;
}

/** Signs a Sign-In with Ethereum message with the browser wallet, loading the signing code on first use. */
export async function signWithBrowserWallet(
  getNonce: () => Promise<string>,
  statement: string,
): Promise<SignedWalletMessage> {
  const { signWithWallet } = await import('./wallet.ts');
  return signWithWallet(getNonce, statement);
}
