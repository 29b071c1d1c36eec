import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { EngineError } from '../errors/engine-error.ts';

/** Prefix of a stored encrypted value; the version names the algorithm and format. */
export const ENCRYPTED_PREFIX = 'enc:v1:';

/** The name of the environment variable holding the data key. */
export const DATA_KEY_VARIABLE = 'ZHILI_DATA_KEY';

const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * Encryption at rest of pii field values, and the keyed hash that lets equality search work on
 * them. The two use separate keys derived from the data key (HKDF-SHA256), so knowing hashes
 * tells nothing about the encryption key.
 */
export interface FieldCipher {
  /**
   * AES-256-GCM with a random IV, as "enc:v1:<iv>:<tag>:<ciphertext>" (base64url). `context`
   * ("<resource>.<field>") is authenticated, so a value copied into another field fails to decrypt.
   */
  encrypt(plain: string, context: string): string;
  /** The plain text of a value `encrypt` produced; INTERNAL when it was altered or the key is another. */
  decrypt(stored: string, context: string): string;
  /**
   * HMAC-SHA256 of the value (base64url), the same for the same value in every field, so one
   * value can be matched across resources (a householder's and a resident's ID number).
   */
  hash(plain: string): string;
}

/** Whether a stored value is encrypted (as opposed to plain text written without a key). */
export function isEncrypted(stored: string): boolean {
  return stored.startsWith(ENCRYPTED_PREFIX);
}

/**
 * The 32-byte data key from its text form: 64 hex digits, or base64 / base64url. Anything else
 * is an INTERNAL error naming the variable: a server must not start half-configured.
 */
export function parseDataKey(text: string): Buffer {
  const trimmed = text.trim();
  let key: Buffer | undefined;
  if (/^[0-9a-fA-F]{64}$/.test(trimmed)) key = Buffer.from(trimmed, 'hex');
  else if (/^[A-Za-z0-9+/_-]{43}=?$/.test(trimmed)) key = Buffer.from(trimmed.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
  if (!key || key.length !== KEY_BYTES) {
    throw new EngineError('INTERNAL', {
      'zh-CN': `${DATA_KEY_VARIABLE} 必须是 32 字节的密钥，写作 64 位十六进制或 base64（例如 openssl rand -base64 32 的输出）`,
      en: `${DATA_KEY_VARIABLE} must be a 32-byte key, written as 64 hex digits or base64 (e.g. the output of openssl rand -base64 32)`,
    });
  }
  return key;
}

/** A cipher over a 32-byte data key. */
export function createFieldCipher(dataKey: Buffer): FieldCipher {
  if (dataKey.length !== KEY_BYTES) throw new RangeError(`The data key has ${dataKey.length} bytes, not ${KEY_BYTES}`);
  const encryptionKey = Buffer.from(hkdfSync('sha256', dataKey, Buffer.alloc(0), 'zhili pii encryption v1', KEY_BYTES));
  const hashKey = Buffer.from(hkdfSync('sha256', dataKey, Buffer.alloc(0), 'zhili pii equality hash v1', KEY_BYTES));

  const undecryptable = (context: string, cause?: unknown): EngineError =>
    new EngineError(
      'INTERNAL',
      {
        'zh-CN': `无法解密 ${context} 的存储值：数据已被改动，或 ${DATA_KEY_VARIABLE} 不是加密时所用的密钥`,
        en: `Cannot decrypt the stored value of ${context}: the data was altered, or ${DATA_KEY_VARIABLE} is not the key it was encrypted with`,
      },
      { cause },
    );

  return {
    encrypt(plain, context) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', encryptionKey, iv);
      cipher.setAAD(Buffer.from(context, 'utf8'));
      const ciphertext = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      const parts = [iv, cipher.getAuthTag(), ciphertext].map((part) => part.toString('base64url'));
      return `${ENCRYPTED_PREFIX}${parts.join(':')}`;
    },

    decrypt(stored, context) {
      const parts = stored.slice(ENCRYPTED_PREFIX.length).split(':');
      if (!isEncrypted(stored) || parts.length !== 3) throw undecryptable(context);
      const [iv, tag, ciphertext] = parts.map((part) => Buffer.from(part, 'base64url')) as [Buffer, Buffer, Buffer];
      if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) throw undecryptable(context);
      try {
        const decipher = createDecipheriv('aes-256-gcm', encryptionKey, iv);
        decipher.setAAD(Buffer.from(context, 'utf8'));
        decipher.setAuthTag(tag);
        return Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString('utf8');
      } catch (error) {
        throw undecryptable(context, error);
      }
    },

    hash(plain) {
      return createHmac('sha256', hashKey).update(plain, 'utf8').digest('base64url');
    },
  };
}

/** The cipher of the configured data key ($ZHILI_DATA_KEY unless given), or null when there is none. */
export function fieldCipherFromKey(text: string | undefined = process.env[DATA_KEY_VARIABLE]): FieldCipher | null {
  return text === undefined || text.trim() === '' ? null : createFieldCipher(parseDataKey(text));
}

/** The column holding the keyed hash of a pii field. */
export function hashColumn(field: string): string {
  return `${field}__h`;
}
