// The referrer notices page: "Copy the message" puts a recipe's text on the clipboard and says so.

export function initMessageCopy(): void {
  for (const button of document.querySelectorAll<HTMLButtonElement>('button[data-copy-message]')) {
    button.addEventListener('click', async () => {
      const source = document.getElementById(button.dataset.copyMessage ?? '')
      const status = button.nextElementSibling
      if (!(source instanceof HTMLTextAreaElement || source instanceof HTMLInputElement)) return
      try {
        await navigator.clipboard.writeText(source.value)
        if (status) status.textContent = 'Copied.'
      } catch {
        source.focus()
        source.select()
        if (status) status.textContent = 'Selected: press Ctrl+C (⌘C on a Mac) to copy.'
      }
    })
  }
}
