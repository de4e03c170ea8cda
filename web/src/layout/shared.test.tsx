import { describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { App, Form, Input } from 'antd';
import type { ReactNode } from 'react';
import { I18nProvider } from '../i18n';
import { StatusTag } from './StatusTag';
import { ReasonDialog } from './ReasonDialog';
import { FormModal } from './FormModal';

const wrap = (ui: ReactNode) =>
  render(
    <I18nProvider>
      <App>{ui}</App>
    </I18nProvider>,
  );

describe('StatusTag: one status tag for every kind', () => {
  it('shows each kind’s label in its colour', () => {
    wrap(
      <>
        <StatusTag kind="topic" status="returned" />
        <StatusTag kind="meeting" status="in_session" />
        <StatusTag kind="minutes" status="superseded" />
        <StatusTag kind="distribution" status="overdue" data-testid="dist" />
      </>,
    );
    expect(screen.getByText('已退回').className).toMatch(/ant-tag-error/);
    expect(screen.getByText('进行中').className).toMatch(/ant-tag-warning/);
    expect(screen.getByText('已被更正').className).toMatch(/ant-tag-warning/);
    expect(screen.getByTestId('dist').textContent).toBe('已逾期');
    expect(screen.getByTestId('dist').className).toMatch(/ant-tag-error/);
  });
});

describe('ReasonDialog: one dialog that asks why', () => {
  it('keeps OK disabled until a reason is written, then submits it trimmed', async () => {
    const onSubmit = vi.fn(() => Promise.resolve());
    wrap(
      <ReasonDialog
        open
        title="退回议题"
        okText="退回"
        danger
        placeholder="退回理由"
        onCancel={() => undefined}
        onSubmit={onSubmit}
      />,
    );
    const ok = screen.getByRole('button', { name: /退\s*回/ });
    expect(ok.hasAttribute('disabled')).toBe(true);
    fireEvent.change(screen.getByLabelText('退回理由'), { target: { value: '   ' } });
    expect(ok.hasAttribute('disabled')).toBe(true);
    fireEvent.change(screen.getByLabelText('退回理由'), { target: { value: '  材料不全  ' } });
    expect(ok.hasAttribute('disabled')).toBe(false);
    fireEvent.click(ok);
    await waitFor(() => expect(onSubmit).toHaveBeenCalledWith('材料不全'));
  });
});

describe('FormModal: one form-in-a-dialog shell', () => {
  function Harness({ onSubmit }: { onSubmit: (v: { name: string }) => void }) {
    const [form] = Form.useForm<{ name: string }>();
    return (
      <FormModal open title="新建处室" form={form} onCancel={() => undefined} onSubmit={onSubmit}>
        <Form.Item name="name" label="名称" rules={[{ required: true, message: '请填写名称' }]}>
          <Input />
        </Form.Item>
      </FormModal>
    );
  }

  it('validates before submitting: a missing field shows its message and nothing is sent', async () => {
    const onSubmit = vi.fn();
    wrap(<Harness onSubmit={onSubmit} />);
    fireEvent.click(screen.getByRole('button', { name: /保\s*存/ }));
    expect(await screen.findByText('请填写名称')).toBeInstanceOf(HTMLElement);
    expect(onSubmit).not.toHaveBeenCalled();
    fireEvent.change(screen.getByLabelText('名称'), { target: { value: '会展处' } });
    fireEvent.click(screen.getByRole('button', { name: /保\s*存/ }));
    await waitFor(() => expect(onSubmit).toHaveBeenCalledWith({ name: '会展处' }));
  });
});
