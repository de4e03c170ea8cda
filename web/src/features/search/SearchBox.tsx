import { useEffect, useState } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { Button, Input } from 'antd';
import { SearchOutlined } from '@ant-design/icons';
import { useI18n } from '../../i18n';

/**
 * The header's search box (R1.3): Enter opens /search with the words; on the results page it shows
 * them. On a phone the header has no room for a box (390 px holds the menu, the unit, help, language,
 * the bell and the avatar): it shows a search button instead, and the results page carries the box.
 */
export function SearchBox({ narrow }: { narrow: boolean }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  if (narrow) {
    return (
      <Button type="text" icon={<SearchOutlined />} aria-label={t('search.box')} onClick={() => navigate('/search')} />
    );
  }
  return <SearchInput width={280} />;
}

/** The search input itself: in the desktop header, and on the results page on a phone. */
export function SearchInput({ width }: { width: number | string }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const location = useLocation();
  const current = location.pathname === '/search' ? (new URLSearchParams(location.search).get('q') ?? '') : '';
  const [value, setValue] = useState(current);
  useEffect(() => setValue(current), [current]);
  return (
    <Input.Search
      aria-label={t('search.box')}
      placeholder={t('search.placeholder')}
      allowClear
      maxLength={100}
      value={value}
      onChange={(e) => setValue(e.target.value)}
      onSearch={(q) => {
        const words = q.trim();
        if (words) navigate(`/search?q=${encodeURIComponent(words)}`);
      }}
      style={{ width }}
    />
  );
}
