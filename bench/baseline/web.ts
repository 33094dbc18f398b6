// The baseline of the dashboard's size: Preact rendering one element, bundled as the dashboard is.
import { h, render } from 'preact';

render(h('p', null, 'Rete'), document.body);
