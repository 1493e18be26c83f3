// SPDX-License-Identifier: EUPL-1.2
/**
 * Card IBANs at rest: sealed with the AES-256-GCM code of the document store (ADR 0019,
 * `shared/crypto/aead.ts`) directly under the current document master key, with the card's id as associated
 * data (a box copied onto another card does not open). The row keeps the key id, so earlier master keys stay
 * readable after a rotation.
 * @module
 */
import type { Config } from '../../config/config.js'
import { openBox, sealBox } from '../../shared/crypto/aead.js'
import { type DocumentKeyring, masterKeyById, resolveDocumentKeyring } from '../../shared/document-keys.js'

/** A sealed IBAN as stored on the card row. */
export interface SealedIban {
  ibanEnc: Buffer
  keyId: string
}

function aadOf(cardId: string): Buffer {
  return Buffer.from(`payment_card:${cardId}`, 'utf8')
}

/** Seals `iban` (electronic format, no spaces) for card `cardId` under the current master key. */
export function sealIban(keyring: DocumentKeyring, cardId: string, iban: string): SealedIban {
  return {
    ibanEnc: sealBox(keyring.current.key, Buffer.from(iban, 'utf8'), aadOf(cardId)),
    keyId: keyring.current.id,
  }
}

/**
 * Opens what {@link sealIban} produced.
 * @throws Error when the key id is not in the keyring or the box does not authenticate (wrong card, tampering)
 */
export function openIban(keyring: DocumentKeyring, cardId: string, sealed: SealedIban): string {
  const key = masterKeyById(keyring, sealed.keyId)
  if (!key) {
    throw new Error(`payment card IBAN sealed under unknown master key ${sealed.keyId}`)
  }
  return openBox(key, sealed.ibanEnc, aadOf(cardId)).toString('utf8')
}

/** `DE** **** **** **** **12 34`: what staff see without the right (or the need) to read the whole IBAN. */
export function maskIban(last4: string): string {
  return `DE** **** **** **** **${last4.slice(0, 2)} ${last4.slice(2)}`
}

const byConfig = new WeakMap<object, Promise<DocumentKeyring>>()
let registered: DocumentKeyring | undefined

/**
 * The document keyring for this configuration (resolved once per config object) — and from then on also the
 * one {@link registeredCardKeyring} answers, for callers that only hold a database handle (the payment run).
 */
export function cardKeyringFor(
  config: Pick<Config, 'documentKeys' | 'env' | 'databaseUrl' | 'dataDir'>,
): Promise<DocumentKeyring> {
  let pending = byConfig.get(config)
  if (!pending) {
    pending = resolveDocumentKeyring(config).then((keyring) => {
      registered = keyring
      return keyring
    })
    byConfig.set(config, pending)
  }
  return pending
}

/** Registers the keyring that {@link registeredCardKeyring} returns (main.ts, at start-up). */
export function registerCardKeyring(keyring: DocumentKeyring): void {
  registered = keyring
}

/** The registered keyring, or undefined before start-up registered one (demo data checks first). */
export function cardKeyringIfRegistered(): DocumentKeyring | undefined {
  return registered
}

/**
 * The keyring registered at start-up (or by the first card page served).
 * @throws Error when none is registered yet: a programming error in the wiring, never a user's mistake
 */
export function registeredCardKeyring(): DocumentKeyring {
  if (!registered) {
    throw new Error('payment card keyring not registered: call registerCardKeyring() at start-up')
  }
  return registered
}
