// SPDX-License-Identifier: EUPL-1.2
export { cardKeyringFor, registerCardKeyring } from './card-iban.js'
export { type CardResealReport, resealCardIbans } from './card-iban-rotation.js'
export { applicationsWithCards, type CardPayee, cardPayeeFor } from './card-payee.js'
export { paymentCardRoutes } from './payment-card.routes.js'
export * as paymentCardService from './payment-card.service.js'
