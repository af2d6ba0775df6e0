// papaparse's Node-stream mode needs `stream`; Apps Script has no Node, and the add-on parses strings only.
export class Duplex {
  constructor() {
    throw new Error('Node streams are not available in Apps Script');
  }
}
