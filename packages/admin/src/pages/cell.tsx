import { Tag, Tooltip, Typography } from 'antd';
import type { CellDisplay } from '../schema/columns.ts';
import { EMPTY_CELL } from '../schema/columns.ts';

/** Renders a cell display: text (with the whole as a tooltip when cut), tags, or the empty mark. */
export function Cell({ display }: { readonly display: CellDisplay }) {
  switch (display.type) {
    case 'empty':
      return <Typography.Text type="secondary">{EMPTY_CELL}</Typography.Text>;
    case 'tags':
      return (
        <>
          {display.tags.map((tag) => (
            <Tag key={tag}>{tag}</Tag>
          ))}
        </>
      );
    case 'text':
      return display.title === undefined ? <>{display.text}</> : <Tooltip title={display.title}>{display.text}</Tooltip>;
  }
}
