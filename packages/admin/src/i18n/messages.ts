import type { Locale } from '@zhili/schemas';

/**
 * Refine's and the admin's own texts by key; `{{name}}` is filled from the translate options.
 * Notifications leave out Refine's `{{resource}}`: it is the resource's English name, not its title.
 */
export const MESSAGES: Readonly<Record<Locale, Readonly<Record<string, string>>>> = {
  'zh-CN': {
    'buttons.create': '新建',
    'buttons.edit': '编辑',
    'buttons.show': '查看',
    'buttons.list': '列表',
    'buttons.save': '保存',
    'buttons.delete': '删除',
    'buttons.cancel': '取消',
    'buttons.confirm': '确定删除吗？',
    'buttons.clear': '清除',
    'buttons.filter': '筛选',
    'buttons.refresh': '刷新',
    'buttons.logout': '退出登录',
    'buttons.notAccessTitle': '您没有此操作的权限',
    'notifications.success': '操作成功',
    'notifications.error': '出错了（{{statusCode}}）',
    'notifications.createSuccess': '已新建',
    'notifications.createError': '新建失败（{{statusCode}}）',
    'notifications.editSuccess': '已保存',
    'notifications.editError': '保存失败（{{statusCode}}）',
    'notifications.deleteSuccess': '已删除',
    'notifications.deleteError': '删除失败（{{statusCode}}）',
    'notifications.undoable': '{{seconds}} 秒内可撤销',
    'warnWhenUnsavedChanges': '有未保存的修改，确定离开吗？',
    'pages.error.backHome': '返回首页',
    'pages.error.info': '页面不存在',
    'pages.login.title': '登录',
    'pages.login.signin': '登录',
    'pages.login.fields.username': '用户名',
    'pages.login.fields.password': '密码',
    'pages.login.errors.required': '请填写{{field}}',
    'documentTitle.default': '社区治理',
    'documentTitle.suffix': '',
    'table.actions': '操作',
    'table.filterValue': '筛选值',
    'table.present': '有值',
    'table.absent': '无值',
    'forms.conflict': '该记录已被他人修改，请重新加载后再编辑。',
    'forms.reload': '重新加载',
    'forms.orgCode': '所属单位编码',
    'app.loading': '加载中…',
    'app.metaFailed': '无法加载系统配置',
    'app.retry': '重试',
    'fields.orgCode': '所属单位',
    'fields.version': '版本',
    'fields.createdAt': '创建时间',
    'fields.createdBy': '创建人',
    'fields.updatedAt': '更新时间',
    'fields.updatedBy': '更新人',
  },
  en: {
    'buttons.create': 'Create',
    'buttons.edit': 'Edit',
    'buttons.show': 'Show',
    'buttons.list': 'List',
    'buttons.save': 'Save',
    'buttons.delete': 'Delete',
    'buttons.cancel': 'Cancel',
    'buttons.confirm': 'Are you sure?',
    'buttons.clear': 'Clear',
    'buttons.filter': 'Filter',
    'buttons.refresh': 'Refresh',
    'buttons.logout': 'Log out',
    'buttons.notAccessTitle': 'You are not allowed to do this',
    'notifications.success': 'Done',
    'notifications.error': 'Error ({{statusCode}})',
    'notifications.createSuccess': 'Created',
    'notifications.createError': 'Could not create ({{statusCode}})',
    'notifications.editSuccess': 'Saved',
    'notifications.editError': 'Could not save ({{statusCode}})',
    'notifications.deleteSuccess': 'Deleted',
    'notifications.deleteError': 'Could not delete ({{statusCode}})',
    'notifications.undoable': 'You have {{seconds}} seconds to undo',
    'warnWhenUnsavedChanges': 'You have unsaved changes; leave anyway?',
    'pages.error.backHome': 'Back home',
    'pages.error.info': 'Page not found',
    'pages.login.title': 'Sign in',
    'pages.login.signin': 'Sign in',
    'pages.login.fields.username': 'Username',
    'pages.login.fields.password': 'Password',
    'pages.login.errors.required': '{{field}} is required',
    'documentTitle.default': 'Community governance',
    'documentTitle.suffix': '',
    'table.actions': 'Actions',
    'table.filterValue': 'Value',
    'table.present': 'Has a value',
    'table.absent': 'Empty',
    'forms.conflict': 'Someone else changed this record; reload it before editing.',
    'forms.reload': 'Reload',
    'forms.orgCode': 'Org unit code',
    'app.loading': 'Loading…',
    'app.metaFailed': 'Could not load the configuration',
    'app.retry': 'Retry',
    'fields.orgCode': 'Org unit',
    'fields.version': 'Version',
    'fields.createdAt': 'Created at',
    'fields.createdBy': 'Created by',
    'fields.updatedAt': 'Updated at',
    'fields.updatedBy': 'Updated by',
  },
};

/**
 * The text of a key in a locale with `{{name}}` filled in; the default, or the key, when unknown.
 * Refine also calls `translate(key, defaultMessage)`, with the default in place of the options.
 */
export function translate(locale: Locale, key: string, options?: unknown, defaultMessage?: string): string {
  const fallback = defaultMessage ?? (typeof options === 'string' ? options : undefined);
  const template = MESSAGES[locale][key] ?? fallback ?? key;
  const values = typeof options === 'object' && options !== null ? (options as Record<string, unknown>) : {};
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, name: string) => {
    const value = values[name];
    return value === undefined || value === null ? '' : String(value);
  });
}
