/** The admin entries of the packages the admin was built for (build/admin-plugins.ts writes the module). */
declare module 'virtual:zhili/admin-plugins' {
  const plugins: readonly import('./api.ts').AdminPlugin[];
  export default plugins;
}
