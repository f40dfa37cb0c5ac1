/**
 * What the screens that work only online (the admin's lists of centres and users) share: loading their data from
 * the server with a state the screen shows, trying again by itself when the network returns, and announcing the
 * outcome of an action where both the eye and a screen reader find it. Rendered by OnlineScreen.svelte.
 */
import { tick } from 'svelte';
import type { ApiResult } from './api';
import { onBackOnline } from './back-online.svelte';

export type LoadState = 'loading' | 'ready' | 'offline' | 'failed';

export class OnlineLoad {
	state = $state<LoadState>('loading');
	/** The server's message (in the user's language) when the state is 'failed'. */
	error = $state('');

	/**
	 * `fetchAll` asks for everything the screen shows and stores it; it gives back the first failed answer, or
	 * null when all arrived. Construct during a component's initialisation (the retry is an effect of it).
	 */
	constructor(private readonly fetchAll: () => Promise<ApiResult<unknown> | null>) {
		onBackOnline(() => {
			if (this.state === 'offline') void this.load();
		});
	}

	/** Loads (again); what is shown stays on screen while a reload runs. */
	async load(): Promise<void> {
		if (this.state !== 'ready') this.state = 'loading';
		const failed = await this.fetchAll();
		if (!failed || failed.ok) this.state = 'ready';
		else if (failed.offline) this.state = 'offline';
		else {
			this.error = failed.message;
			this.state = 'failed';
		}
	}
}

export interface NoticeText {
	kind: 'ok' | 'error';
	text: string;
}

export class Notice {
	current = $state<NoticeText | null>(null);
	/** The element OnlineScreen renders the notice in. */
	element = $state<HTMLElement>();

	/** Shows the notice and moves the focus to it, so that a screen reader reads it out. */
	async announce(kind: NoticeText['kind'], text: string): Promise<void> {
		this.current = { kind, text };
		await tick();
		this.element?.focus();
	}

	clear(): void {
		this.current = null;
	}
}
