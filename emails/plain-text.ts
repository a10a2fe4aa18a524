// The plain-text part of every mail. html-to-text (inside React Email's render) writes a link
// as "label url" inline, so two buttons side by side came out as
// "Accept http://…&answer=acceptDecline http://…": a mail client that linkifies the URL took
// the next label with it. Here every link is its label on one line and its URL alone on the
// next, so nothing can run into a URL.

type Builder = {
  openBlock(options: { leadingLineBreaks?: number }): void
  closeBlock(options: { trailingLineBreaks?: number }): void
  addLiteral(text: string): void
}
type Element = { attribs?: Record<string, string>; children: unknown[] }

export const plainTextOptions = {
  formatters: {
    linkOnItsOwnLine(element: Element, walk: (nodes: unknown[], builder: Builder) => void, builder: Builder) {
      const href = element.attribs?.href ?? ''
      builder.openBlock({ leadingLineBreaks: 1 })
      walk(element.children, builder)
      builder.closeBlock({ trailingLineBreaks: 1 })
      if (href && !href.startsWith('mailto:')) {
        builder.openBlock({ leadingLineBreaks: 1 })
        builder.addLiteral(href)
        builder.closeBlock({ trailingLineBreaks: 1 })
      }
    },
  },
  selectors: [{ selector: 'a', format: 'linkOnItsOwnLine' }],
}
