import { UploadOutlined } from '@ant-design/icons';
import type { FieldProps } from '@rjsf/utils';
import type { Attachment } from '@zhili/schemas';
import { Button, Typography, Upload } from 'antd';
import type { UploadFile } from 'antd';
import { useState } from 'react';
import { useAdmin } from '../app/admin-context.ts';
import { uploadFile } from '../providers/http.ts';

/** The kinds of file the engine keeps (POST /api/files). */
const ACCEPTED = ['image/jpeg', 'image/png', 'image/webp', 'application/pdf'];

/**
 * The RJSF field of a list of attachments ({ name, url }): files uploaded to the engine for the org
 * unit in `ui:options.org` (the case's), listed with their thumbnails, removable. A refused file
 * (its type, its size) says why under the field.
 */
export function AttachmentsField(props: FieldProps) {
  const { client, t } = useAdmin();
  const [failure, setFailure] = useState<string | null>(null);
  const files = (Array.isArray(props.formData) ? props.formData : []) as Attachment[];
  const org = typeof props.uiSchema?.['ui:options']?.['org'] === 'string' ? (props.uiSchema['ui:options']['org'] as string) : '';
  const errors = [...(props.errorSchema?.__errors ?? []), ...(failure === null ? [] : [failure])];
  const fileList: UploadFile[] = files.map((file, index) => ({ uid: `${index}-${file.url}`, name: file.name, url: file.url, thumbUrl: file.url, status: 'done' }));
  return (
    <div style={{ marginBottom: 24 }}>
      <Typography.Text>
        {props.required ? <span style={{ color: '#ff4d4f', marginInlineEnd: 4 }}>*</span> : null}
        {props.schema.title ?? props.name}
      </Typography.Text>
      <Upload
        id={props.fieldPathId.$id}
        accept={ACCEPTED.join(',')}
        listType="picture"
        multiple
        fileList={fileList}
        disabled={props.disabled || props.readonly}
        onRemove={(removed) => props.onChange(files.filter((_, index) => `${index}-${files[index]?.url}` !== removed.uid), props.fieldPathId.path)}
        customRequest={async ({ file, onError, onSuccess }) => {
          const blob = file as File;
          setFailure(null);
          try {
            const stored = (await uploadFile(client, { path: `/files?org=${encodeURIComponent(org)}&name=${encodeURIComponent(blob.name)}`, file: blob, type: blob.type })) as Attachment;
            onSuccess?.(stored);
            props.onChange([...(Array.isArray(props.formData) ? (props.formData as Attachment[]) : []), { name: stored.name, url: stored.url }], props.fieldPathId.path);
          } catch (error) {
            setFailure(`${blob.name}：${(error as Error).message}`);
            onError?.(error as Error);
          }
        }}
        showUploadList={{ showRemoveIcon: true }}
      >
        <Button icon={<UploadOutlined />} style={{ marginTop: 8 }}>
          {t('cases.upload')}
        </Button>
      </Upload>
      {errors.map((message) => (
        <Typography.Paragraph key={message} type="danger" style={{ marginBottom: 0 }} className="ant-form-item-explain-error">
          {message}
        </Typography.Paragraph>
      ))}
    </div>
  );
}
