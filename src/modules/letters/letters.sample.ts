// SPDX-License-Identifier: EUPL-1.2
/**
 * Synthetic sample inputs for the renderers: used by the tests, by `scripts/letters-sample.ts` and as a
 * worked example for callers. All names, addresses and numbers are invented.
 * @module
 */
import type { CaseFileBundle, DecisionLetterInput, Letterhead } from './letters.types.js'

/** The configuration's default letterhead, spelled out so that samples do not depend on the environment. */
export const sampleLetterhead: Letterhead = {
  authority: 'Hansestadt Lübeck',
  office: 'Bereich Soziale Sicherung',
  addressLines: ['Musterallee 2–6', '23560 Lübeck'],
  phone: '0451 000-0',
  email: 'soziale.sicherung@luebeck.example',
  website: 'www.luebeck.example',
  bank: { name: 'Musterbank Lübeck', iban: 'DE02 1203 0000 0000 2020 51', bic: 'BYLADEM1001' },
  openingHours: ['Mo, Di, Do 8:00–12:00 Uhr', 'Do 14:00–17:00 Uhr'],
}

/** A partly granted Grundsicherung decision signed by a deputy (i.V.). */
export function sampleDecisionLetter(overrides: Partial<DecisionLetterInput> = {}): DecisionLetterInput {
  return {
    letterhead: sampleLetterhead,
    recipient: {
      form: 'frau',
      name: 'Erika Mustermann-Öztürk',
      familyName: 'Mustermann-Öztürk',
      street: 'Große Burgstraße 12',
      postalCode: '23552',
      city: 'Lübeck',
    },
    reference: 'GS-2026-0000042',
    date: '2026-02-16',
    contact: {
      name: 'Jonas Beispiel',
      phone: '0451 000-1234',
      email: 'jonas.beispiel@luebeck.example',
      room: '2.14',
    },
    subject: 'Grundsicherung im Alter und bei Erwerbsminderung – Bescheid',
    benefit: 'Grundsicherung im Alter und bei Erwerbsminderung nach dem Vierten Kapitel SGB XII',
    applicationDate: '2026-01-05',
    outcome: 'partly_granted',
    benefitPeriod: { from: '2026-01-01', to: '2026-12-31' },
    payments: [
      {
        from: '2026-01-01',
        to: '2026-12-31',
        components: [
          { label: 'Regelbedarf (Regelbedarfsstufe 1)', cents: 56300 },
          { label: 'Mehrbedarf wegen Gehbehinderung (Merkzeichen G)', cents: 9571 },
          { label: 'Kosten der Unterkunft (Grundmiete und Nebenkosten)', cents: 52000 },
          { label: 'Heizkosten', cents: 8500 },
          { label: 'Anzurechnendes Einkommen (Altersrente)', cents: -75012 },
        ],
      },
    ],
    legalBasis: [
      '§§ 41 bis 46b SGB XII (Grundsicherung im Alter und bei Erwerbsminderung)',
      '§ 42 Nr. 1 und § 27a SGB XII in Verbindung mit der Anlage zu § 28 SGB XII (Regelbedarf)',
      '§ 42a SGB XII (Bedarfe für Unterkunft und Heizung)',
      '§ 82 SGB XII (Einkommen)',
    ],
    reasons: [
      'Sie haben die Altersgrenze nach § 41 Absatz 2 SGB XII erreicht und Ihren gewöhnlichen Aufenthalt in Lübeck. Ihr Einkommen reicht nicht aus, um Ihren notwendigen Lebensunterhalt zu decken.',
      'Die Kosten Ihrer Unterkunft übersteigen die angemessene Höhe für einen Ein-Personen-Haushalt in Lübeck. Wir berücksichtigen deshalb nur die angemessenen Kosten von 520,00 € monatlich. Insoweit lehnen wir Ihren Antrag ab.',
      'Ihre Altersrente rechnen wir nach Abzug der Beiträge zur Kranken- und Pflegeversicherung als Einkommen an.',
    ],
    signature: { name: 'Dr. Friederike Zöllner', postTitle: 'Teamleitung Grundsicherung', mode: 'deputy' },
    createdAt: new Date('2026-02-16T09:30:00Z'),
    ...overrides,
  }
}

const sha = (seed: string) => seed.repeat(64).slice(0, 64)

/** A case file with gaps, two documents, a decision awaiting four-eyes approval and some history. */
export function sampleCaseFile(overrides: Partial<CaseFileBundle> = {}): CaseFileBundle {
  const at = (iso: string) => new Date(iso)
  return {
    case: {
      id: '0b7e6a1e-5d0c-4c55-9d3e-2a7f3c9b1e42',
      reference: 'GS-2026-0000042',
      benefitType: 'grusi',
      benefit: 'Grundsicherung im Alter und bei Erwerbsminderung',
      applicantName: 'Erika Mustermann-Öztürk',
      status: 'decided',
      statusLabel: 'beschieden',
      openedAt: at('2026-01-05T10:12:00Z'),
      assignedPost: 'Sachbearbeitung Grundsicherung 3',
    },
    generatedAt: at('2026-03-02T08:00:00Z'),
    generatedBy: { name: 'Petra Prüfer', post: 'Innenrevision' },
    application: {
      submittedAt: at('2026-01-05T10:12:00Z'),
      sections: [
        {
          heading: 'Angaben zur Person',
          rows: [
            { label: 'Name', value: 'Erika Mustermann-Öztürk' },
            { label: 'Geburtsdatum', value: '17.03.1955' },
            { label: 'Anschrift', value: 'Große Burgstraße 12, 23552 Lübeck' },
          ],
        },
        {
          heading: 'Einkommen',
          rows: [{ label: 'Altersrente (netto)', value: '750,12 €' }],
        },
        {
          heading: 'Wohnung und Wohnkosten',
          rows: [
            { label: 'Grundmiete', value: '480,00 €' },
            { label: 'Nebenkosten', value: '95,00 €' },
            { label: 'Heizkosten', value: '85,00 €' },
          ],
        },
      ],
    },
    documents: [
      {
        id: 'doc-1',
        name: 'Mietvertrag.pdf',
        type: 'Mietvertrag',
        mediaType: 'application/pdf',
        sizeBytes: 245_760,
        sha256: sha('a1'),
        uploadedAt: at('2026-01-05T10:05:00Z'),
        uploadedBy: 'Antragstellerin (online)',
      },
      {
        id: 'doc-2',
        name: 'Rentenbescheid_2025.jpg',
        type: 'Rentenbescheid',
        mediaType: 'image/jpeg',
        sizeBytes: 1_048_576,
        sha256: sha('b2'),
        uploadedAt: at('2026-01-05T10:07:00Z'),
        uploadedBy: 'Antragstellerin (online)',
      },
    ],
    notes: [
      {
        at: at('2026-01-12T13:40:00Z'),
        author: 'Jonas Beispiel',
        text: 'Mietobergrenze für Ein-Personen-Haushalt überschritten; Kostensenkungsverfahren eingeleitet.',
      },
    ],
    statusHistory: [
      { at: at('2026-01-05T10:12:00Z'), status: 'received', statusLabel: 'eingegangen' },
      {
        at: at('2026-01-08T09:00:00Z'),
        status: 'in_review',
        statusLabel: 'in Prüfung',
        by: 'Jonas Beispiel',
      },
      {
        at: at('2026-01-12T13:45:00Z'),
        status: 'documents_requested',
        statusLabel: 'Unterlagen angefordert',
        by: 'Jonas Beispiel',
        reason: 'Kontoauszüge der letzten drei Monate fehlen',
      },
      { at: at('2026-02-16T09:30:00Z'), status: 'decided', statusLabel: 'beschieden', by: 'Jonas Beispiel' },
    ],
    decisions: [
      {
        id: 'dec-1',
        outcome: 'partly_granted',
        decidedAt: at('2026-02-16T09:30:00Z'),
        decidedBy: { name: 'Jonas Beispiel', post: 'Sachbearbeitung Grundsicherung 3' },
        approvalRequired: true,
        benefitPeriod: { from: '2026-01-01', to: '2026-12-31' },
        payments: sampleDecisionLetter().payments,
        legalBasis: ['§§ 41 bis 46b SGB XII', '§ 42a SGB XII'],
        letterSha256: sha('c3'),
      },
    ],
    deadlines: [
      { label: 'Nachreichung Kontoauszüge', dueOn: '2026-01-26', state: 'overdue' },
      { label: '§ 88 SGG: sechs Monate nach Antrag', dueOn: '2026-07-05', state: 'met' },
    ],
    auditEvents: [
      {
        at: at('2026-01-08T09:00:00Z'),
        actor: 'Jonas Beispiel (Sachbearbeitung Grundsicherung 3)',
        action: 'Akte gelesen',
      },
      {
        at: at('2026-01-20T11:15:00Z'),
        actor: 'Maria Vertretung (Sachbearbeitung Grundsicherung 4)',
        action: 'Akte gelesen',
        actingFor: 'Sachbearbeitung Grundsicherung 3',
      },
      {
        at: at('2026-02-16T09:30:00Z'),
        actor: 'Jonas Beispiel (Sachbearbeitung Grundsicherung 3)',
        action: 'Entscheidung getroffen: teilweise bewilligt',
      },
    ],
    gaps: [
      { kind: 'missing_evidence', description: 'Kontoauszüge der letzten drei Monate' },
      { kind: 'missing_approval', description: 'Vier-Augen-Freigabe der Entscheidung vom 16.02.2026' },
    ],
    ...overrides,
  }
}
