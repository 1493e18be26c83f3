// SPDX-License-Identifier: EUPL-1.2

/**
 * Where the identity provider posts back-channel logout tokens. Server to server, without cookies: the CSRF
 * middleware exempts this one path (POST only), the token's signature is the proof of origin.
 */
export const BACKCHANNEL_LOGOUT_PATH = '/oidc/backchannel-logout'
