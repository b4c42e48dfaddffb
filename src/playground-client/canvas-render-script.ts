// The renderer as a script of its own (/admin/assets/canvas-render.js): the dashboard's preview
// finds it as window.CanvasRender.
import { render } from './canvas-render.js'

Object.assign(window, { CanvasRender: { render } })
