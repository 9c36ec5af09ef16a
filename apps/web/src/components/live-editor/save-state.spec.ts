import i18n from '../../i18n/i18n';
import { saveStateOf } from './save-state';

describe('saveStateOf', () => {
  it.each([
    { status: 'connected', synced: true, pending: 0, key: 'drafts.saveState.saved', count: undefined },
    { status: 'connected', synced: true, pending: 3, key: 'drafts.saveState.saving', count: undefined },
    { status: 'connected', synced: false, pending: 1, key: 'drafts.saveState.saving', count: undefined },
    { status: 'connected', synced: false, pending: 0, key: 'drafts.saveState.saving', count: undefined },
    { status: 'disconnected', synced: false, pending: 4, key: 'drafts.saveState.offline', count: 4 },
    { status: 'disconnected', synced: false, pending: 0, key: 'drafts.saveState.offline', count: 0 },
    { status: 'connecting', synced: false, pending: 2, key: 'drafts.saveState.offline', count: 2 },
  ] as const)('$status, synced $synced, $pending pending: $key', ({ status, synced, pending, key, count }) => {
    expect(saveStateOf({ status, synced, pending })).toEqual({ key, ...(count === undefined ? {} : { count }) });
  });

  it('reads as the three promised English sentences, with the offline count pluralised', () => {
    const label = (input: Parameters<typeof saveStateOf>[0]) => {
      const state = saveStateOf(input);
      return state.count === undefined ? i18n.t(state.key) : i18n.t(state.key, { count: state.count });
    };

    expect(label({ status: 'connected', synced: true, pending: 2 })).toBe('Saving…');
    expect(label({ status: 'connected', synced: true, pending: 0 })).toBe('All changes saved');
    expect(label({ status: 'disconnected', synced: false, pending: 1 })).toBe('Offline: 1 change will sync');
    expect(label({ status: 'disconnected', synced: false, pending: 5 })).toBe('Offline: 5 changes will sync');
  });

  it('pluralises the offline count in Spanish and Japanese too', async () => {
    await i18n.changeLanguage('es');
    expect(i18n.t('drafts.saveState.offline', { count: 1 })).toBe('Sin conexión: 1 cambio se sincronizará');
    expect(i18n.t('drafts.saveState.offline', { count: 1_000_000 })).toBe('Sin conexión: 1000000 cambios se sincronizarán');
    await i18n.changeLanguage('ja');
    expect(i18n.t('drafts.saveState.offline', { count: 2 })).toBe('オフライン: 2 件の変更は接続後に同期されます');
  });
});
