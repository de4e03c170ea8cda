import { useEffect, useState } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { Input } from 'antd';
import { useI18n } from '../../i18n';

/** The header's search box (R1.3): Enter opens /search with the words; on the results page it shows them. */
export function SearchBox({ narrow }: { narrow: boolean }) {
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
      style={{ width: narrow ? 120 : 280 }}
    />
  );
}
