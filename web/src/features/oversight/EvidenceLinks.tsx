import { useState } from 'react';
import { Link } from 'react-router';
import { Button, Input, Space, Tag, Typography } from 'antd';
import type { EvidenceLink } from '../../../../core/contracts/inspections';

/** The server's rule (core/contracts/inspections.ts `evidenceLink`): a path of this system. */
const APP_PATH = /^\/(?!\/)[A-Za-z0-9\-._~/?=&#%]*$/;
export const MAX_EVIDENCE_LINKS = 10;

/**
 * An address the inspector pasted, as the path the server accepts: a path of this system
 * as it is, or a full address of this system (copied from the browser's address bar) without
 * its origin. Anything else — another site, `javascript:` — is null.
 */
export function toAppPath(input: string, origin: string): string | null {
  const raw = input.trim();
  if (!raw) return null;
  let path = raw;
  if (!raw.startsWith('/')) {
    try {
      const u = new URL(raw);
      if (u.origin !== origin) return null;
      path = `${u.pathname}${u.search}${u.hash}`;
    } catch {
      return null;
    }
  }
  const encoded = encodeURI(decodeURISafe(path));
  return APP_PATH.test(encoded) && encoded.length <= 300 ? encoded : null;
}

function decodeURISafe(s: string): string {
  try {
    return decodeURI(s);
  } catch {
    return s;
  }
}

/** Evidence links as links into the app. */
export function EvidenceList({ links }: { links: readonly EvidenceLink[] }) {
  if (links.length === 0) return null;
  return (
    <Space wrap size={4}>
      <Typography.Text type="secondary">证据：</Typography.Text>
      {links.map((l) => (
        <Link key={`${l.href}|${l.label}`} to={l.href}>
          {l.label}
        </Link>
      ))}
    </Space>
  );
}

/**
 * The evidence links of a result or a finding, edited: each shown as a tag that can be
 * removed, and a line to add one — a name and an address of this system (a page opened in
 * another tab and its address copied). `fixed` links are always there and cannot be removed.
 */
export function EvidenceLinksEditor({
  value = [],
  onChange,
  fixed = [],
}: {
  value?: EvidenceLink[];
  onChange?: (links: EvidenceLink[]) => void;
  fixed?: readonly EvidenceLink[];
}) {
  const [adding, setAdding] = useState(false);
  const [label, setLabel] = useState('');
  const [address, setAddress] = useState('');
  const [error, setError] = useState<string | null>(null);
  const room = MAX_EVIDENCE_LINKS - fixed.length - value.length;
  const add = () => {
    const href = toAppPath(address, window.location.origin);
    if (!href) {
      setError('须为本系统内的页面地址：以 / 开头，或从浏览器地址栏复制的本系统地址');
      return;
    }
    if (!label.trim()) {
      setError('请填写证据名称');
      return;
    }
    if ([...fixed, ...value].some((l) => l.href === href)) {
      setError('该证据已添加');
      return;
    }
    onChange?.([...value, { label: label.trim().slice(0, 100), href }]);
    setLabel('');
    setAddress('');
    setError(null);
    setAdding(false);
  };
  return (
    <Space orientation="vertical" size={4} style={{ width: '100%' }}>
      <Space wrap size={4}>
        {fixed.map((l) => (
          <Tag key={`fixed|${l.href}`}>
            <Link to={l.href}>{l.label}</Link>
          </Tag>
        ))}
        {value.map((l) => (
          <Tag
            key={`${l.href}|${l.label}`}
            closable
            closeIcon={<span aria-label={`移除证据 ${l.label}`}>×</span>}
            onClose={(e) => {
              e.preventDefault();
              onChange?.(value.filter((x) => x !== l));
            }}
          >
            <Link to={l.href}>{l.label}</Link>
          </Tag>
        ))}
        {!adding && room > 0 && (
          <Button size="small" type="dashed" onClick={() => setAdding(true)}>
            添加证据链接
          </Button>
        )}
      </Space>
      {adding && (
        <Space wrap size={4}>
          <Input
            size="small"
            aria-label="证据名称"
            placeholder="名称，如：2026年第3号纪要"
            value={label}
            maxLength={100}
            onChange={(e) => setLabel(e.target.value)}
            style={{ width: 200 }}
          />
          <Input
            size="small"
            aria-label="证据地址"
            placeholder="本系统页面地址，如 /minutes/…"
            value={address}
            onChange={(e) => setAddress(e.target.value)}
            onPressEnter={add}
            style={{ width: 280 }}
          />
          <Button size="small" type="primary" onClick={add}>
            添加
          </Button>
          <Button
            size="small"
            onClick={() => {
              setAdding(false);
              setError(null);
            }}
          >
            取消
          </Button>
        </Space>
      )}
      {error && <Typography.Text type="danger">{error}</Typography.Text>}
    </Space>
  );
}
