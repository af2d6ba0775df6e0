// jest's «addon» project: the end-to-end flows load the add-on build (dist/addon/) under the add-on's trigger rules.
process.env.MARSHRUT_TEST_MODE = 'addon';
export {};
