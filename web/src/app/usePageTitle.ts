import { useEffect } from 'react';

/** Every route names itself in the window title (translated): "Users · OpenNRM". */
export function usePageTitle(title: string): void {
  useEffect(() => {
    document.title = title ? `${title} · OpenNRM` : 'OpenNRM';
  }, [title]);
}
