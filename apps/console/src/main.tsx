import { render } from 'preact';
import { App } from './app';
import { moveInvitationTokenToFragment } from './invitation-link';
import './styles.css';

// Before the router reads the address and before any request: an old-style link's token leaves the path.
moveInvitationTokenToFragment();

render(<App />, document.getElementById('app')!);
