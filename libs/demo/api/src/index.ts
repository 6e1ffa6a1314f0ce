export { demoCourse, DEMO_PHOTO_HASH, DEMO_PHOTO_URL } from './lib/assets';
