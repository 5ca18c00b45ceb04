// Renders trayModel(status) with Electron. No decisions here: they live in tray-model.ts.
import path from 'node:path';
import { Menu, Tray, nativeImage, type MenuItemConstructorOptions } from 'electron';
import type { AppStatus } from '../shared/model';
import { trayModel, type TrayAction } from './tray-model';

export function createTray(resourcesDir: string, onAction: (action: TrayAction) => void, onClick: () => void) {
  const icon = (name: string) => nativeImage.createFromPath(path.join(resourcesDir, 'tray', `${name}.png`));
  const tray = new Tray(icon('not_configured'));
  tray.on('click', onClick);
  return {
    render(status: AppStatus) {
      const model = trayModel(status);
      tray.setImage(icon(model.icon));
      tray.setToolTip(model.tooltip);
      const template: MenuItemConstructorOptions[] = model.items.map((item) =>
        item.kind === 'separator'
          ? { type: 'separator' }
          : item.kind === 'status'
            ? { label: item.label, enabled: false }
            : { label: item.label, enabled: item.enabled, click: () => onAction(item.action) },
      );
      tray.setContextMenu(Menu.buildFromTemplate(template));
    },
    destroy: () => tray.destroy(),
  };
}
