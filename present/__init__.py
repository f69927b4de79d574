"""What both front ends show a member, in either language: words (`i18n`,
`words`), JSON shapes, documents for paper and files, printing, and settings."""
