import { fromMetaTemplate } from '../../templates/metaFormat'
import { parseTemplates } from '../../templates/syncedTemplate'
import type { SyncedTemplate } from '../../templates/types'

const body = (text: string, example?: string[]) => ({
  type: 'BODY',
  text,
  ...(example ? { example: { body_text: [example] } } : {})
})
const buttons = (...list: Record<string, unknown>[]) => ({ type: 'BUTTONS', buttons: list })

/**
 * The Sandbox's template list, in Meta's `message_templates` shape: what a small retailer's
 * WhatsApp Business Account typically holds (marketing offers with media headers, utility order
 * updates, an authentication code), including one pending, one rejected and one paused
 * template, positional and named variables, and every button kind.
 */
export const SANDBOX_TEMPLATES: Record<string, unknown>[] = [
  {
    id: '900000000000001',
    name: 'diwali_offer',
    language: 'en',
    status: 'APPROVED',
    category: 'MARKETING',
    parameter_format: 'POSITIONAL',
    quality_score: { score: 'GREEN' },
    components: [
      { type: 'HEADER', format: 'TEXT', text: 'Diwali sale 🪔' },
      body(
        'Hi {{1}}, Diwali is here! Take 20% off everything in store and online with code {{2}} until Sunday.',
        ['Asha', 'DIWALI20']
      ),
      { type: 'FOOTER', text: 'Reply STOP to opt out' },
      buttons(
        { type: 'URL', text: 'Shop the sale', url: 'https://shop.example.com/sale' },
        { type: 'QUICK_REPLY', text: 'Not interested' }
      )
    ]
  },
  {
    id: '900000000000012',
    name: 'spring_collection',
    language: 'en',
    status: 'APPROVED',
    category: 'MARKETING',
    parameter_format: 'POSITIONAL',
    quality_score: { score: 'GREEN' },
    components: [
      {
        type: 'HEADER',
        format: 'IMAGE',
        example: { header_handle: ['https://picsum.photos/seed/spring/800/418'] }
      },
      body(
        'Hi {{1}}, the spring collection just landed in {{2}}. Have a look before it sells out.',
        ['Asha', 'Pune']
      ),
      { type: 'FOOTER', text: 'Reply STOP to opt out' },
      buttons(
        {
          type: 'URL',
          text: 'See the collection',
          url: 'https://shop.example.com/spring/{{1}}',
          example: ['https://shop.example.com/spring/pune']
        },
        { type: 'QUICK_REPLY', text: 'Not interested' }
      )
    ]
  },
  {
    id: '900000000000002',
    name: 'welcome_member',
    language: 'en',
    status: 'APPROVED',
    category: 'MARKETING',
    parameter_format: 'NAMED',
    quality_score: { score: 'GREEN' },
    components: [
      { type: 'HEADER', format: 'TEXT', text: 'Welcome to Lucky Shrub 🌿' },
      {
        type: 'BODY',
        text: 'Hi {{first_name}}! Thanks for joining us in {{city}}. Here is 15% off your first order.',
        example: {
          body_text_named_params: [
            { param_name: 'first_name', example: 'Asha' },
            { param_name: 'city', example: 'Pune' }
          ]
        }
      },
      { type: 'FOOTER', text: 'Lucky Shrub · Reply STOP to opt out' },
      buttons({ type: 'COPY_CODE', example: 'WELCOME15' })
    ]
  },
  {
    id: '900000000000013',
    name: 'welcome_offer',
    language: 'en',
    status: 'APPROVED',
    category: 'MARKETING',
    parameter_format: 'POSITIONAL',
    quality_score: { score: 'GREEN' },
    components: [
      body('{{1}} — welcome to Lucky Shrub! Enjoy 15% off your first order with code WELCOME15.', [
        'Hi Asha'
      ]),
      { type: 'FOOTER', text: 'Reply STOP to opt out' }
    ]
  },
  {
    id: '900000000000003',
    name: 'order_update',
    language: 'en',
    status: 'APPROVED',
    category: 'UTILITY',
    parameter_format: 'POSITIONAL',
    quality_score: { score: 'GREEN' },
    components: [
      { type: 'HEADER', format: 'TEXT', text: 'Order {{1}}', example: { header_text: ['#1234'] } },
      body('Hi {{1}}, your order is on its way and should arrive by {{2}}.', ['Asha', 'Friday']),
      buttons({
        type: 'URL',
        text: 'Track order',
        url: 'https://shop.example.com/track/{{1}}',
        example: ['https://shop.example.com/track/1234']
      })
    ]
  },
  {
    id: '900000000000004',
    name: 'order_update',
    language: 'hi',
    status: 'APPROVED',
    category: 'UTILITY',
    parameter_format: 'POSITIONAL',
    quality_score: { score: 'UNKNOWN' },
    components: [body('नमस्ते {{1}}, आपका ऑर्डर रास्ते में है और {{2}} तक पहुँच जाएगा।', ['आशा', 'शुक्रवार'])]
  },
  {
    id: '900000000000005',
    name: 'back_in_stock',
    language: 'en',
    status: 'APPROVED',
    category: 'MARKETING',
    parameter_format: 'POSITIONAL',
    quality_score: { score: 'YELLOW' },
    components: [
      {
        type: 'HEADER',
        format: 'VIDEO',
        example: { header_handle: ['https://cdn.example.com/restock.mp4'] }
      },
      body('Good news {{1}}: the {{2}} you liked is back in stock.', ['Asha', 'Monstera pot']),
      buttons(
        { type: 'QUICK_REPLY', text: 'Reserve one' },
        { type: 'PHONE_NUMBER', text: 'Call the store', phone_number: '+15550000000' }
      )
    ]
  },
  {
    id: '900000000000006',
    name: 'invoice_ready',
    language: 'en',
    status: 'APPROVED',
    category: 'UTILITY',
    parameter_format: 'POSITIONAL',
    quality_score: { score: 'GREEN' },
    components: [
      {
        type: 'HEADER',
        format: 'DOCUMENT',
        example: { header_handle: ['https://cdn.example.com/invoice.pdf'] }
      },
      body('Hi {{1}}, your invoice for {{2}} is attached.', ['Asha', 'October'])
    ]
  },
  {
    id: '900000000000007',
    name: 'login_code',
    language: 'en',
    status: 'APPROVED',
    category: 'AUTHENTICATION',
    parameter_format: 'POSITIONAL',
    quality_score: { score: 'GREEN' },
    components: [
      body('{{1}} is your verification code. For your security, do not share this code.', [
        '482913'
      ]),
      { type: 'FOOTER', text: 'This code expires in 10 minutes.' },
      buttons({ type: 'COPY_CODE', example: '482913' })
    ]
  },
  {
    id: '900000000000008',
    name: 'hello_world',
    language: 'en_US',
    status: 'APPROVED',
    category: 'UTILITY',
    parameter_format: 'POSITIONAL',
    quality_score: { score: 'UNKNOWN' },
    components: [
      { type: 'HEADER', format: 'TEXT', text: 'Hello World' },
      body(
        'Welcome and congratulations!! This message demonstrates your ability to send a WhatsApp message notification from the Cloud API, hosted by Meta.'
      ),
      { type: 'FOOTER', text: 'WhatsApp Business Platform sample message' }
    ]
  },
  {
    id: '900000000000009',
    name: 'festive_lookbook',
    language: 'en',
    status: 'PENDING',
    category: 'MARKETING',
    parameter_format: 'POSITIONAL',
    components: [body('Hi {{1}}, our festive lookbook is live.', ['Asha'])]
  },
  {
    id: '900000000000010',
    name: 'flash_sale_now',
    language: 'en',
    status: 'REJECTED',
    category: 'MARKETING',
    parameter_format: 'POSITIONAL',
    rejected_reason: 'PROMOTIONAL',
    components: [body('{{1}}', ['Everything must go!'])]
  },
  {
    id: '900000000000011',
    name: 'winback_reminder',
    language: 'en',
    status: 'PAUSED',
    category: 'MARKETING',
    parameter_format: 'POSITIONAL',
    quality_score: { score: 'RED' },
    components: [body('We miss you, {{1}}! Come back for 10% off.', ['Asha'])]
  }
]

/** The Sandbox's list: local, instant, never fails. */
export function sandboxTemplates(): SyncedTemplate[] {
  return parseTemplates(SANDBOX_TEMPLATES, fromMetaTemplate)
}

export const listSandboxTemplates = (): Promise<SyncedTemplate[]> =>
  Promise.resolve(sandboxTemplates())
