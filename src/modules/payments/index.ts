// SPDX-License-Identifier: EUPL-1.2
export type { CaseForPayment, DecisionForPayment, DueResult, PaymentLine } from './money-rules.js'
export { computeDue } from './money-rules.js'
export { type Payee, resolvePayee } from './payee.js'
export { PaymentRefusedError } from './payments.errors.js'
export { paymentsRoutes } from './payments.routes.js'
export * as paymentsService from './payments.service.js'
export { buildOrderCsv, buildPain001, PAIN001_NAMESPACE } from './sepa.js'
