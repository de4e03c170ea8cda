/** The page of the web app a notice's subject lives on (used by the bell and by e-mails). */
export function subjectPath(subjectType: string, subjectId: string): string {
  switch (subjectType) {
    case 'topic':
      return `/topics/${subjectId}`;
    case 'meeting':
      return `/meetings/${subjectId}`;
    case 'minutes':
      return `/minutes/${subjectId}`;
    case 'reading':
      return '/reading';
    case 'filing':
      return '/filings';
    case 'case':
      return `/cases/${subjectId}`;
    case 'case_notice':
      return `/cases/mine/${subjectId}`;
    case 'inspection':
      return `/oversight/inspections/${subjectId}`;
    case 'inspection_finding':
      return `/rectifications/${subjectId}`;
    default:
      return '/';
  }
}
