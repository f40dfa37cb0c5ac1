/**
 * Draws the app mark (a speech bubble with a check: "advice given and confirmed") as static/favicon.svg and
 * renders the PWA and Apple icons from it with headless Chromium, so every size comes from one drawing.
 *   node scripts/generate-icons.js
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { chromium } from '@playwright/test';
import { chromiumLaunchOptions } from './lib/chromium.js';

const BRAND = '#0b5cad';
const staticDir = new URL('../static/', import.meta.url);

/** The white bubble and the brand-coloured check, drawn on a 512×512 grid centred on (256, 256). */
const symbol = `
	<path fill="#fff" d="M160 104h192a64 64 0 0 1 64 64v152a64 64 0 0 1-64 64H250l-92 68a10 10 0 0 1-16-9l10-59a64 64 0 0 1-56-64V168a64 64 0 0 1 64-64z"/>
	<path fill="none" stroke="${BRAND}" stroke-width="40" stroke-linecap="round" stroke-linejoin="round" d="M184 246l50 50 96-104"/>`;

/**
 * full: background fills the square (maskable, Apple) instead of a rounded tile;
 * scale: how large the symbol is — maskable keeps it inside the central 80% circle that every mask leaves visible.
 */
function iconSvg({ full = false, scale = 1 } = {}) {
	const background = full
		? `<rect width="512" height="512" fill="${BRAND}"/>`
		: `<rect width="512" height="512" rx="112" fill="${BRAND}"/>`;
	const transform = scale === 1 ? '' : ` transform="translate(256 256) scale(${scale}) translate(-256 -256)"`;
	return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 512 512">
	${background}
	<g${transform}>${symbol}
	</g>
</svg>
`;
}

const icons = [
	{ file: 'icons/icon-192.png', size: 192, svg: iconSvg() },
	{ file: 'icons/icon-512.png', size: 512, svg: iconSvg() },
	{ file: 'icons/icon-maskable-512.png', size: 512, svg: iconSvg({ full: true, scale: 0.8 }) },
	// iOS rounds the corners itself and shows transparency as black, so the tile is full-bleed and opaque.
	{ file: 'icons/apple-touch-icon.png', size: 180, svg: iconSvg({ full: true, scale: 0.8 }) }
];

writeFileSync(new URL('favicon.svg', staticDir), iconSvg());
mkdirSync(new URL('icons/', staticDir), { recursive: true });

const browser = await chromium.launch(chromiumLaunchOptions);
try {
	for (const { file, size, svg } of icons) {
		const page = await browser.newPage({ viewport: { width: size, height: size }, deviceScaleFactor: 1 });
		const sized = svg.replace('<svg ', `<svg width="${size}" height="${size}" `);
		await page.setContent(
			`<!doctype html><style>html,body{margin:0;background:transparent}svg{display:block}</style>${sized}`
		);
		const png = await page.screenshot({
			omitBackground: true,
			clip: { x: 0, y: 0, width: size, height: size }
		});
		writeFileSync(new URL(file, staticDir), png);
		await page.close();
		console.log(`wrote static/${file} (${size}×${size})`);
	}
} finally {
	await browser.close();
}
