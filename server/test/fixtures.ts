/** Bytes of real file formats, for upload tests. */
export const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
export const EXE = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200, 0x90)]);
export const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
export const DOCX = Buffer.concat([
  Buffer.from([0x50, 0x4b, 0x03, 0x04]),
  Buffer.from('....[Content_Types].xml....word/document.xml'),
]);
export const ZIP = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.from('....payload.bin....')]);

export const FUNDS_TOPIC = {
  title: '2027年外贸企业参展补助资金分配方案',
  description: '拟安排专项资金支持企业参加境外展会。',
  category: '专项资金的使用和分配',
  matterFlags: ['funds'] as const,
  fundsAmountYuan: '1200000.00',
  important: false,
};

export const PLAIN_TOPIC = {
  title: '传达局党委关于优化营商环境的工作部署',
  description: '传达学习并研究贯彻措施。',
  category: '传达学习局党委及局领导工作部署',
  matterFlags: [] as const,
  important: false,
};
