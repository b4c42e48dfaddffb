// The referrer notices page: "Copy the message" puts a recipe's text on the clipboard and says so.
'use strict'

document.addEventListener('DOMContentLoaded', () => {
  for (const button of document.querySelectorAll('button[data-copy]')) {
    button.addEventListener('click', async () => {
      const source = document.getElementById(button.dataset.copy)
      const status = button.nextElementSibling
      try {
        await navigator.clipboard.writeText(source.value)
        status.textContent = 'Copied.'
      } catch {
        source.focus()
        source.select()
        status.textContent = 'Selected: press Ctrl+C (⌘C on a Mac) to copy.'
      }
    })
  }
})
