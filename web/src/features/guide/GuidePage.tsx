import { useEffect, useMemo, useState } from 'react';
import { Navigate, useParams } from 'react-router';
import { Space, Spin } from 'antd';
import { Link } from 'react-router';
import { PageCard } from '../../layout/PageCard';
import { useMe } from '../../auth/session';
import NotFoundPage from '../notfound/NotFoundPage';
import { GUIDE_CHAPTERS, guideChapterFor, guidePath, type GuideChapter } from './chapters';
import { renderMarkdown, type MarkdownLinks } from './markdown';
import './guide.css';

/** The chapters' Markdown (a chunk each, loaded when opened) and the screenshots' URLs, from docs/guide/. */
const SOURCES = import.meta.glob<string>('../../../../docs/guide/*.md', { query: '?raw', import: 'default' });
const IMAGES = import.meta.glob<string>('../../../../docs/guide/img/*.png', {
  query: '?url',
  import: 'default',
  eager: true,
});
const DIR = '../../../../docs/guide/';
const fileOf = (slug: string) => `${DIR}${slug === 'index' ? 'README' : slug}.md`;

/** Links between chapters stay in the app (`staff.md` → /guide/staff); anything else opens outside. */
export const guideLinks: MarkdownLinks = {
  image: (src) => IMAGES[`${DIR}${src.replace(/^\.\//, '')}`],
  link: (href) => {
    const chapter = /^(?:\.\/)?([\w-]+)\.md(#.*)?$/.exec(href);
    if (chapter) return { to: guidePath(chapter[1] === 'README' ? 'index' : (chapter[1] as GuideChapter)) };
    return { href };
  },
};

/** 操作手册: /guide opens the user's own chapter; /guide/index is the table of contents. */
export default function GuidePage() {
  const me = useMe();
  const { chapter } = useParams();
  const [text, setText] = useState<{ slug: string; source: string } | null>(null);
  const load = chapter ? SOURCES[fileOf(chapter)] : undefined;
  useEffect(() => {
    if (!chapter || !load) return;
    let live = true;
    void load().then((source) => live && setText({ slug: chapter, source }));
    return () => {
      live = false;
    };
  }, [chapter, load]);
  const body = useMemo(() => (text ? renderMarkdown(text.source, guideLinks) : null), [text]);

  if (!chapter) return <Navigate to={guidePath(guideChapterFor(me))} replace />;
  if (!load) return <NotFoundPage />;
  const mine = guideChapterFor(me);
  return (
    <PageCard
      title="操作手册"
      extra={
        <Space wrap>
          {chapter !== 'index' && <Link to={guidePath('index')}>目录</Link>}
          {chapter !== mine && (
            <Link to={guidePath(mine)}>{`我的角色：${GUIDE_CHAPTERS.find((c) => c.slug === mine)?.title ?? ''}`}</Link>
          )}
        </Space>
      }
    >
      {text?.slug === chapter ? (
        <article className="guide-page">{body}</article>
      ) : (
        <Spin style={{ display: 'block', marginTop: 32 }} />
      )}
    </PageCard>
  );
}
