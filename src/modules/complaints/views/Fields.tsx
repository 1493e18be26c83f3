// SPDX-License-Identifier: EUPL-1.2

/** Text typed by a person, paragraph by paragraph (no markup is ever interpreted). */
export function Paragraphs({ text }: { text: string }) {
  return (
    <>
      {text
        .split(/\n+/)
        .filter((p) => p.trim() !== '')
        .map((p) => (
          <p class="kern-body">{p}</p>
        ))}
    </>
  )
}
