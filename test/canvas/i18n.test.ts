import { describe, expect, it } from 'vitest'
import { CATALOGS, languageOf, translator } from '../../canvas/i18n/index.js'
import { en } from '../../canvas/i18n/en.js'

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort()

describe('message catalogs', () => {
  it('ships English, Spanish, French, German and Portuguese', () => {
    expect(Object.keys(CATALOGS).sort()).toEqual(['de', 'en', 'es', 'fr', 'pt'])
  })

  describe.each(Object.entries(CATALOGS))('%s', (_language, catalog) => {
    it('has exactly the English keys', () => {
      expect(Object.keys(catalog).sort()).toEqual(Object.keys(en).sort())
    })

    it('has no empty message and the same placeholders as English', () => {
      for (const [key, text] of Object.entries(catalog)) {
        expect(text.trim(), key).not.toBe('')
        expect(placeholders(text), key).toEqual(placeholders(en[key as keyof typeof en]))
      }
    })
  })
})

describe('languageOf', () => {
  it.each([
    ['en', 'en'],
    ['es-MX', 'es'],
    ['pt_BR', 'pt'],
    ['FR', 'fr'],
    ['de-AT', 'de'],
    ['ja', 'en'],
    ['', 'en'],
    [null, 'en'],
    [undefined, 'en'],
  ])('%s → %s', (locale, language) => {
    expect(languageOf(locale)).toBe(language)
  })
})

describe('translator', () => {
  it('fills placeholders and leaves a missing one visible', () => {
    const t = translator('es')
    expect(t('invite.sent', { email: 'a@b.co' })).toBe('Invitación registrada para a@b.co.')
    expect(t('invite.sent')).toBe('Invitación registrada para {email}.')
  })
})
