// Loaded with --import into the Node child that stands in for an Electron utilityProcess: gives it
// a `process.parentPort` whose first message carries one transferred port, both carried over the
// child's IPC channel. Like Electron, parent messages wait until a 'message' listener exists and
// port messages wait until `port.start()`.
import { EventEmitter } from 'node:events'

const parentPort = new EventEmitter()
const pendingParent = []
parentPort.on('newListener', (event) => {
  if (event === 'message')
    queueMicrotask(() => pendingParent.splice(0).forEach((m) => parentPort.emit('message', m)))
})

const port = new EventEmitter()
let started = false
const pendingPort = []
port.postMessage = (data) => process.connected && process.send({ k: 'port', data })
port.start = () => {
  started = true
  pendingPort.splice(0).forEach((data) => port.emit('message', { data, ports: [] }))
}
port.close = () => {
  if (process.connected) process.send({ k: 'close' })
  port.emit('close')
}

process.on('message', (m) => {
  if (m.k === 'parent') {
    const event = { data: m.data, ports: m.withPort ? [port] : [] }
    if (parentPort.listenerCount('message')) parentPort.emit('message', event)
    else pendingParent.push(event)
  } else if (m.k === 'port') {
    if (started) port.emit('message', { data: m.data, ports: [] })
    else pendingPort.push(m.data)
  } else if (m.k === 'close') port.emit('close')
})
process.on('disconnect', () => port.emit('close'))
process.parentPort = parentPort
