// SPDX-License-Identifier: EUPL-1.2

/**
 * The MFA key (encrypts TOTP secrets) of every test app; factories enrol accounts with it. Base64 of 32 bytes,
 * for tests only.
 */
export const TEST_MFA_SECRET_KEY = Buffer.alloc(32, 7).toString('base64')
